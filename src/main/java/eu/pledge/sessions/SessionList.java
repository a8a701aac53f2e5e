package eu.pledge.sessions;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Service;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Tokens;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * A person's sessions and ending them. A session id is a bearer secret, so the list names each session by a
 * handle (a hash of its id) that cannot be turned back into a cookie.
 */
@Service
class SessionList {

	/** The most sessions {@link #elsewhere} counts: the home page then says "{@value} or more". */
	static final int COUNTED = 100;

	private static final String COUNT = """
			SELECT COUNT(*) FROM (SELECT 1 FROM spring_session WHERE principal_name = :principal AND expiry_time > :now
			AND creation_time > :signedInAfter%s FETCH FIRST %d ROWS ONLY) counted""";

	private final FindByIndexNameSessionRepository<? extends Session> sessions;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final JdbcClient jdbc;
	private final SessionsProperties properties;

	SessionList(FindByIndexNameSessionRepository<? extends Session> sessions, ApplicationEventPublisher events,
			Clock clock, JdbcClient jdbc, SessionsProperties properties) {
		this.sessions = sessions;
		this.events = events;
		this.clock = clock;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/**
	 * How many sessions the account has besides the one the request came with ({@code null}: none), up to
	 * {@value #COUNTED}, counted in the database: the home page asks on every visit, and reading each session (with
	 * its attributes) grew with their number, as did counting them all (a home page took twice the CPU after 1,700
	 * sign-ins of one account; docs/PERFORMANCE.md, "Page rendering").
	 */
	long elsewhere(AccountId account, String currentSessionId) {
		long now = clock.millis();
		var query = jdbc.sql(COUNT.formatted(currentSessionId == null ? "" : " AND session_id <> :current", COUNTED))
				.param("principal", account.toString()).param("now", now)
				.param("signedInAfter", now - properties.absoluteTimeout().toMillis());
		return (currentSessionId == null ? query : query.param("current", currentSessionId)).query(Long.class).single();
	}

	/** One line of the list; {@code current} marks the session the request came with. */
	@Schema(name = "SessionEntry") // one schema name per type in the API document
	record Entry(String id, String device, Instant created, Instant lastSeen, boolean current) {
	}

	List<Entry> of(AccountId account, String currentSessionId) {
		return sessions.findByPrincipalName(account.toString()).values().stream()
				.map(session -> new Entry(handle(session.getId()), device(session), signedInAt(session),
						session.getLastAccessedTime(), session.getId().equals(currentSessionId)))
				.sorted(Comparator.comparing(Entry::current).reversed().thenComparing(Entry::lastSeen,
						Comparator.reverseOrder()))
				.toList();
	}

	/** Ends the account's session with this handle; false when there is none (already ended or not theirs). */
	boolean end(AccountId account, String handle, SessionEnded.Reason reason) {
		for (Map.Entry<String, ? extends Session> session : sessions.findByPrincipalName(account.toString()).entrySet()) {
			if (Tokens.sameSecret(handle(session.getKey()), handle)) {
				sessions.deleteById(session.getKey());
				events.publishEvent(new SessionEnded(account, reason, clock.instant()));
				return true;
			}
		}
		return false;
	}

	/** Ends every session of the account except {@code keepSessionId} (null: all of them). */
	int endAllExcept(AccountId account, String keepSessionId, SessionEnded.Reason reason) {
		int ended = 0;
		for (String id : sessions.findByPrincipalName(account.toString()).keySet()) {
			if (!Objects.equals(id, keepSessionId)) {
				sessions.deleteById(id);
				events.publishEvent(new SessionEnded(account, reason, clock.instant()));
				ended++;
			}
		}
		return ended;
	}

	static String handle(String sessionId) {
		return Tokens.sha256("session:" + sessionId).substring(0, 32);
	}

	private static String device(Session session) {
		String device = session.getAttribute(SignIn.DEVICE);
		return device == null ? DeviceSummary.UNKNOWN : device;
	}

	private static Instant signedInAt(Session session) {
		Long at = session.getAttribute(SignIn.SIGNED_IN_AT);
		return at == null ? session.getCreationTime() : Instant.ofEpochMilli(at);
	}
}
