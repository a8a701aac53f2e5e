package eu.pledge.sessions;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.transaction.support.TransactionOperations;

/**
 * Spring Session's JDBC repository, except that a request which changes nothing but the last-access time
 * writes it only once it has moved by {@code resolution} (a sixtieth of the idle timeout, at most a minute).
 * Without this every authenticated request ends with an UPDATE and a commit of its session row.
 *
 * <p>The idle timeout stays in force and can only get stricter: the stored last-access time lags the real
 * one by less than {@code resolution}, so an unused session ends at most that much <em>earlier</em>, never
 * later. The absolute timeout is unaffected. Any other change (attributes, id, timeout) is saved as before,
 * together with the current last-access time.
 *
 * <p>Writes (save, delete) run in a transaction of their own, as Spring Session's configuration would have
 * them; the reads, single SELECTs, run in none (the repository itself is given no transactions, see
 * {@code SessionsConfiguration}): the read by id on every request spent more on its transaction than on the
 * SELECT. (When that read finds the session expired, the repository deletes it with one DELETE; its
 * attributes go with it by the foreign key's cascade.)
 *
 * <p>The read itself is reused for up to a second ({@link RecentSessions}): a request given a session from that
 * memory gets its own copy, and reads the row again before it changes anything, so every write starts from the
 * database as before.
 */
final class CoarseLastAccessSessions
		implements FindByIndexNameSessionRepository<CoarseLastAccessSessions.Tracked>, DisposableBean {

	private final FindByIndexNameSessionRepository<Session> delegate;
	private final Duration resolution;
	private final TransactionOperations writes;
	private final RecentSessions recent;
	private final SessionAttributeCodec codec;

	@SuppressWarnings("unchecked")
	CoarseLastAccessSessions(FindByIndexNameSessionRepository<? extends Session> delegate, Duration idleTimeout,
			TransactionOperations writes, RecentSessions recent, SessionAttributeCodec codec) {
		this.delegate = (FindByIndexNameSessionRepository<Session>) delegate;
		this.resolution = resolutionFor(idleTimeout);
		this.writes = writes;
		this.recent = recent;
		this.codec = codec;
	}

	static Duration resolutionFor(Duration idleTimeout) {
		Duration sixtieth = idleTimeout.dividedBy(60);
		return sixtieth.compareTo(Duration.ofMinutes(1)) > 0 ? Duration.ofMinutes(1) : sixtieth;
	}

	/** Stops the JDBC repository's clean-up scheduler; the container calls this on the wrapper it holds. */
	@Override
	public void destroy() throws Exception {
		if (delegate instanceof DisposableBean disposable) {
			disposable.destroy();
		}
	}

	@Override
	public Tracked createSession() {
		return new Tracked(delegate.createSession(), true);
	}

	@Override
	public void save(Tracked session) {
		if (session.dirty && !session.gone) {
			if (session.skippedLastAccess != null) {
				session.session.setLastAccessedTime(session.skippedLastAccess);
				session.skippedLastAccess = null;
			}
			writes.executeWithoutResult(status -> delegate.save(session.session));
			session.dirty = false;
			recent.forget(session.readAs);
			recent.forget(session.getId());
		}
	}

	@Override
	public Tracked findById(String id) {
		if (!recent.enabled()) {
			Session found = delegate.findById(id);
			return found == null ? null : new Tracked(found, false);
		}
		Session[] read = new Session[1];
		RecentSessions.Snapshot snapshot = recent.get(id, () -> {
			read[0] = delegate.findById(id);
			return read[0] == null ? null : RecentSessions.Snapshot.of(read[0], codec);
		});
		if (snapshot == null) {
			return null;
		}
		if (read[0] != null) {
			return new Tracked(read[0], false);
		}
		Tracked copy = new Tracked(snapshot.copy(codec), false);
		copy.fromMemory = true;
		if (copy.isExpired()) { // expired since it was read: the repository ends it as it would have
			recent.forget(id);
			Session found = delegate.findById(id);
			return found == null ? null : new Tracked(found, false);
		}
		return copy;
	}

	@Override
	public void deleteById(String id) {
		writes.executeWithoutResult(status -> delegate.deleteById(id));
		recent.forget(id);
	}

	@Override
	public Map<String, Tracked> findByIndexNameAndIndexValue(String indexName, String indexValue) {
		Map<String, Tracked> found = new LinkedHashMap<>();
		delegate.findByIndexNameAndIndexValue(indexName, indexValue)
			.forEach((id, session) -> found.put(id, new Tracked(session, false)));
		return found;
	}

	/** One request's view of a session; remembers whether anything needs saving. */
	final class Tracked implements Session {

		private Session session;
		private final String readAs;
		private boolean dirty;
		private Instant skippedLastAccess;
		/** A copy of what this node read a moment ago, not yet the stored session. */
		private boolean fromMemory;
		/** The stored session has ended since the copy was read: nothing is written. */
		private boolean gone;

		Tracked(Session session, boolean dirty) {
			this.session = session;
			this.readAs = session.getId();
			this.dirty = dirty;
		}

		/** The stored session, read again if this request had a copy: every change starts from the database. */
		private Session stored() {
			if (fromMemory) {
				fromMemory = false;
				recent.forget(readAs);
				Session found = delegate.findById(readAs);
				if (found == null) {
					gone = true;
				}
				else {
					session = found;
				}
			}
			return session;
		}

		@Override
		public void setLastAccessedTime(Instant lastAccessedTime) {
			if (dirty || !lastAccessedTime.isBefore(session.getLastAccessedTime().plus(resolution))) {
				stored().setLastAccessedTime(lastAccessedTime);
				skippedLastAccess = null;
				dirty = true;
			}
			else {
				skippedLastAccess = lastAccessedTime; // saved only if something else makes the session dirty
			}
		}

		@Override
		public String getId() {
			return session.getId();
		}

		@Override
		public String changeSessionId() {
			dirty = true;
			return stored().changeSessionId();
		}

		@Override
		public <T> T getAttribute(String attributeName) {
			return session.getAttribute(attributeName);
		}

		@Override
		public Set<String> getAttributeNames() {
			return session.getAttributeNames();
		}

		@Override
		public void setAttribute(String attributeName, Object attributeValue) {
			dirty = true;
			stored().setAttribute(attributeName, attributeValue);
		}

		@Override
		public void removeAttribute(String attributeName) {
			dirty = true;
			stored().removeAttribute(attributeName);
		}

		@Override
		public Instant getCreationTime() {
			return session.getCreationTime();
		}

		@Override
		public Instant getLastAccessedTime() {
			return session.getLastAccessedTime();
		}

		@Override
		public void setMaxInactiveInterval(Duration interval) {
			dirty = true;
			stored().setMaxInactiveInterval(interval);
		}

		@Override
		public Duration getMaxInactiveInterval() {
			return session.getMaxInactiveInterval();
		}

		@Override
		public boolean isExpired() {
			return session.isExpired();
		}
	}
}
