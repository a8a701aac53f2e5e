package eu.pledge.sessions;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;

/**
 * A person's sessions for access, portability and erasure. The export never contains a session id (a bearer
 * secret), only the handle the session list shows. Erasure deletes the rows with SQL in the caller's
 * transaction (the attributes go by the foreign key's cascade), so every session ends with the account or
 * none does; the request that asked for the erasure then signs itself out.
 */
@Component
class SessionData implements PersonalDataHolder {

	private static final String ERASE = "DELETE FROM spring_session WHERE principal_name = :principal";

	private final FindByIndexNameSessionRepository<? extends Session> sessions;
	private final SessionsProperties properties;
	private final JdbcClient jdbc;
	private final RecentSessions recent;

	SessionData(FindByIndexNameSessionRepository<? extends Session> sessions, SessionsProperties properties,
			JdbcClient jdbc, RecentSessions recent) {
		this.sessions = sessions;
		this.properties = properties;
		this.jdbc = jdbc;
		this.recent = recent;
	}

	/**
	 * @param id the handle of the session list (not the cookie's value)
	 * @param endsBy when it ends at the latest: idle timeout after the last use, capped by the absolute timeout
	 */
	record SessionRecord(String id, String device, Instant signedInAt, Instant lastSeenAt, Instant endsBy) {
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("sessions", "table:spring_session", properties.idleTimeout()),
				new DataStore("sessions", "table:spring_session_attributes", properties.idleTimeout()));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return sessions.findByPrincipalName(account.toString()).values().stream().map(this::record)
				.sorted(Comparator.comparing(SessionRecord::lastSeenAt).reversed())
				.map(session -> new HeldItem("sessions", "session", session, session.endsBy())).toList();
	}

	@Override
	@Transactional
	public void erase(AccountId account) {
		jdbc.sql(ERASE).param("principal", account.toString()).update();
		recent.forgetAll();
	}

	private SessionRecord record(Session session) {
		String device = session.getAttribute(SignIn.DEVICE);
		Long at = session.getAttribute(SignIn.SIGNED_IN_AT);
		Instant signedIn = at == null ? session.getCreationTime() : Instant.ofEpochMilli(at);
		Instant idleEnd = session.getLastAccessedTime().plus(properties.idleTimeout());
		Instant absoluteEnd = signedIn.plus(properties.absoluteTimeout());
		return new SessionRecord(SessionList.handle(session.getId()), device == null ? DeviceSummary.UNKNOWN : device,
				signedIn, session.getLastAccessedTime(), idleEnd.isBefore(absoluteEnd) ? idleEnd : absoluteEnd);
	}
}
