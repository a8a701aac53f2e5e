package eu.pledge.accounts;

import java.sql.Timestamp;
import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;

/** Home page and time zone per account; the {@code preferences} table is owned here. */
@Service
@Transactional
public class Preferences {

	private static final String SELECT = "SELECT home_page, time_zone FROM preferences WHERE account_id = :id";
	private static final String UPDATE = """
			UPDATE preferences SET home_page = :home, time_zone = :zone, updated_at = :now WHERE account_id = :id""";
	private static final String INSERT = """
			INSERT INTO preferences (account_id, home_page, time_zone, updated_at) VALUES (:id, :home, :zone, :now)""";

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final AccountMails mails;
	private final AccountData data;
	private final AccountRepository accounts;

	Preferences(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, AccountMails mails, AccountData data,
			AccountRepository accounts) {
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.mails = mails;
		this.data = data;
	}

	@Transactional(readOnly = true)
	public PreferenceSettings of(AccountId id) {
		return jdbc.sql(SELECT).param("id", id.value())
				.query((rs, row) -> new PreferenceSettings(rs.getString(1), rs.getString(2))).optional()
				.orElseGet(PreferenceSettings::defaults);
	}

	public void update(AccountId id, PreferenceSettings settings) {
		if (!TimeZoneChoice.known(settings.timeZone())) {
			throw eu.pledge.shared.Rejected.badRequest("timeZone", TimeZoneChoice.MESSAGE);
		}
		String zone = settings.timeZone() == null || settings.timeZone().isEmpty() ? null : settings.timeZone();
		Timestamp now = Timestamp.from(clock.instant());
		// The account's row lock makes saves of one person take turns: two at once would both find no row, and
		// the second INSERT would fail on the key (a 500 for a double-clicked form).
		accounts.lock(id.value());
		PreferenceSettings before = of(id);
		if (before.equals(new PreferenceSettings(settings.homePage(), zone))) {
			return; // as stored: nothing to save, mail or audit (forty identical saves at once change it once)
		}
		int updated = jdbc.sql(UPDATE).param("id", id.value()).param("home", settings.homePage())
				.param("zone", zone).param("now", now).update();
		if (updated == 0) {
			jdbc.sql(INSERT).param("id", id.value()).param("home", settings.homePage()).param("zone", zone)
					.param("now", now).update();
		}
		data.emailOf(id).ifPresent(email -> mails.preferencesChanged(id, email));
		events.publishEvent(new PreferencesChanged(id, clock.instant()));
	}
}
