package eu.pledge.privacy;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.rights.RestrictionLifted;
import eu.pledge.privacy.rights.RestrictionSet;
import eu.pledge.privacy.rights.RightsMails;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.RowLocks;
import eu.pledge.shared.StorableTime;

/**
 * Restriction of processing. While an account is restricted its data is kept but not processed: no mail
 * reaches the person (but the confirmation of the restriction itself), no access to the vendor's systems is
 * granted, no token is issued. The person can still sign in to see, export, erase or lift. Every module that
 * processes personal data asks {@link #isRestricted(AccountId)}; nobody but the person can lift a restriction.
 * A restriction with an end date ends by itself: reads compare with the clock, and a cleanup deletes the row.
 */
@Service
@Transactional
public class Restrictions implements PersonalDataHolder {

	private static final String IN_FORCE = """
			SELECT restricted_since, restricted_until FROM privacy_restrictions
			WHERE account_id = :id AND (restricted_until IS NULL OR restricted_until > :now)""";
	private static final String UPDATE = """
			UPDATE privacy_restrictions SET restricted_since = :since, restricted_until = :until WHERE account_id = :id""";
	// ON CONFLICT DO NOTHING: a duplicate key would abort a PostgreSQL transaction; the lock then waits.
	private static final String INSERT = """
			INSERT INTO privacy_restrictions (account_id, restricted_since, restricted_until) VALUES (:id, :since, :until)
			ON CONFLICT DO NOTHING""";
	private static final String LOCK = "SELECT restricted_until FROM privacy_restrictions WHERE account_id = :id FOR UPDATE";
	private static final String DELETE = "DELETE FROM privacy_restrictions WHERE account_id = :id";
	private static final String DELETE_IN_FORCE = """
			DELETE FROM privacy_restrictions WHERE account_id = :id AND (restricted_until IS NULL OR restricted_until > :now)""";
	private static final String ENDED = """
			SELECT account_id FROM privacy_restrictions WHERE restricted_until <= :now ORDER BY restricted_until LIMIT 500""";
	private static final String DELETE_ENDED = """
			DELETE FROM privacy_restrictions WHERE account_id = :id AND restricted_until <= :now""";

	/** What a restriction found holding the account's row. */
	private enum Held {
		NEW, ENDED, IN_FORCE
	}

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final RightsMails mails;

	Restrictions(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, RightsMails mails) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.mails = mails;
	}

	/** Whether processing of the account's data is restricted now. Cheap: one indexed lookup. */
	@Transactional(readOnly = true)
	public boolean isRestricted(AccountId account) {
		return current(account).isPresent();
	}

	/** The restriction in force, if any; one whose date has passed is no longer in force. */
	@Transactional(readOnly = true)
	public Optional<Restriction> current(AccountId account) {
		return jdbc.sql(IN_FORCE).param("id", account.value()).param("now", Timestamp.from(clock.instant()))
				.query((rs, row) -> new Restriction(rs.getTimestamp(1).toInstant(),
						rs.getTimestamp(2) == null ? null : rs.getTimestamp(2).toInstant()))
				.optional();
	}

	/**
	 * Restricts processing until {@code until} (null: until lifted). Setting it again replaces the end date. The
	 * first restriction is confirmed by mail, the last mail until it ends; a change while restricted is not.
	 */
	public Restriction restrict(AccountId account, Instant until) {
		Instant now = clock.instant();
		if (until != null && !until.isAfter(now)) {
			throw Rejected.badRequest("until", "Choose a date in the future, or none for a restriction until you lift it.");
		}
		StorableTime.require("until", until);
		Map<String, Object> row = new java.util.HashMap<>();
		row.put("id", account.value());
		row.put("since", Timestamp.from(now));
		row.put("until", until == null ? null : Timestamp.from(until));
		// Whether it was restricted already is decided holding the account's row: of forty requests at once, one
		// restricts and mails, the others change the end date.
		Held held = RowLocks.lockOrInsert(RowLocks.First.LOCK, () -> jdbc.sql(LOCK).param("id", account.value())
				.query((rs, n) -> rs.getTimestamp(1) == null || rs.getTimestamp(1).toInstant().isAfter(now)
						? Held.IN_FORCE : Held.ENDED)
				.optional(), () -> jdbc.sql(INSERT).params(row).update(), () -> Held.NEW, "privacy_restrictions");
		if (held != Held.NEW) {
			jdbc.sql(UPDATE).params(row).update();
		}
		boolean already = held == Held.IN_FORCE;
		events.publishEvent(new RestrictionSet(account, until, now));
		if (!already) {
			mails.restricted(account, until);
		}
		return new Restriction(now, until);
	}

	/** Lifts the restriction; false when there was none in force. */
	public boolean lift(AccountId account) {
		// Only the lift whose delete removed the restriction in force tells anyone: of forty at once, one.
		boolean was = jdbc.sql(DELETE_IN_FORCE).param("id", account.value()).param("now", Timestamp.from(clock.instant()))
				.update() == 1;
		jdbc.sql(DELETE).param("id", account.value()).update(); // an ended one the cleanup has not reached yet
		if (was) {
			events.publishEvent(new RestrictionLifted(account, RestrictionLifted.Reason.LIFTED, clock.instant()));
			mails.lifted(account, false);
		}
		return was;
	}

	/**
	 * Deletes restrictions whose date has passed, records each end and tells the person. Safe on many nodes:
	 * only the node whose delete removed the row publishes.
	 */
	@Scheduled(fixedDelayString = "${pledge.privacy.rights.restriction-cleanup-interval:5m}", initialDelayString = "1m")
	public int endExpired() {
		Instant now = clock.instant();
		int ended = 0;
		List<UUID> due = jdbc.sql(ENDED).param("now", Timestamp.from(now)).query(UUID.class).list();
		for (UUID id : due) {
			if (jdbc.sql(DELETE_ENDED).param("id", id).param("now", Timestamp.from(now)).update() == 1) {
				AccountId account = new AccountId(id);
				events.publishEvent(new RestrictionLifted(account, RestrictionLifted.Reason.EXPIRED, now));
				mails.lifted(account, true);
				ended++;
			}
		}
		return ended;
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("request-records", "table:privacy_restrictions", null));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return current(account).map(restriction -> new HeldItem("request-records", "restriction", restriction,
				restriction.until())).stream().toList();
	}

	@Override
	public void erase(AccountId account) {
		jdbc.sql(DELETE).param("id", account.value()).update();
	}
}
