package eu.pledge.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.session.MapSession;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;

import eu.pledge.shared.RecentChecks;

/**
 * The sessions this node read a moment ago, reused for {@code pledge.sessions.recheck-after} (1 s by default; {@code 0s}
 * reads every request's session from the database): without it every signed-in request begins with a SELECT of its
 * session row and attributes, the largest part of an authenticated request's cost after the framework's own.
 * <ul>
 * <li><b>At most a second:</b> a session ended on another node (sign-out, revocation, password change, a disabled,
 * erased or restricted account) stops working here within {@code recheck-after}; one ended or changed on this node is
 * forgotten at once (after its transaction commits), and a read that began before the change is never reused.</li>
 * <li><b>Copies, not shared objects:</b> what is kept is each attribute in its stored form (the bytes Spring Session
 * writes); each request decodes its own copy, as it would from the database, so one request never sees another's
 * changes. A request that changes its session (an attribute, its id, a last-access time worth writing) reads the
 * row again first and writes as before.</li>
 * <li><b>Bounded, in memory only:</b> at most {@value RecentChecks#MAX_ENTRIES} sessions per node. The attributes hold
 * the signed-in account's id and roles, a sign-in time and a device summary; nothing is written anywhere.</li>
 * </ul>
 */
@Component
class RecentSessions {

	private final RecentChecks<String, Snapshot> recent;
	private final boolean enabled;

	RecentSessions(SessionsProperties properties) {
		this.enabled = !properties.recheckAfter().isZero();
		this.recent = new RecentChecks<>(properties.recheckAfter(), new AtomicLong(), Snapshot::id);
	}

	/** A session as stored, every attribute encoded. */
	record Snapshot(String id, Instant createdAt, Instant lastAccessedAt, Duration maxInactive,
			Map<String, byte[]> attributes) {

		static Snapshot of(Session session, SessionAttributeCodec codec) {
			Map<String, byte[]> attributes = new HashMap<>();
			for (String name : session.getAttributeNames()) {
				Object value = session.getAttribute(name);
				if (value != null) {
					attributes.put(name, codec.encode(value));
				}
			}
			return new Snapshot(session.getId(), session.getCreationTime(), session.getLastAccessedTime(),
					session.getMaxInactiveInterval(), Map.copyOf(attributes));
		}

		/** This request's own copy. */
		MapSession copy(SessionAttributeCodec codec) {
			MapSession session = new MapSession(id);
			session.setCreationTime(createdAt);
			session.setLastAccessedTime(lastAccessedAt);
			session.setMaxInactiveInterval(maxInactive);
			attributes.forEach((name, bytes) -> session.setAttribute(name, codec.decode(bytes)));
			return session;
		}

		@Override
		public String toString() {
			return "Snapshot[" + attributes.size() + " attributes]"; // never the id: it is the cookie's value
		}
	}

	boolean enabled() {
		return enabled;
	}

	/** The session read within {@code recheck-after}, else {@code read}'s (kept unless absent). */
	Snapshot get(String id, Supplier<Snapshot> read) {
		return recent.get(id, read, snapshot -> true);
	}

	/** Session {@code id} changed or ended on this node: read again, from now (and after the commit, if in one). */
	void forget(String id) {
		recent.forgetThroughCommit(id);
	}

	/** Sessions ended by SQL (erasure): everything read again, from now (and after the commit, if in one). */
	void forgetAll() {
		recent.forgetAllThroughCommit();
	}
}
