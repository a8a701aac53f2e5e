package eu.pledge.accounts;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;

/** Home page and dashboard layout per account; the {@code preferences} table is owned here. */
@Service
@Transactional
public class Preferences {

	private static final String SELECT = "SELECT home_page, dashboard_layout FROM preferences WHERE account_id = :id";
	private static final String UPDATE = """
			UPDATE preferences SET home_page = :home, dashboard_layout = :layout, updated_at = :now WHERE account_id = :id""";
	private static final String INSERT = """
			INSERT INTO preferences (account_id, home_page, dashboard_layout, updated_at) VALUES (:id, :home, :layout, :now)""";

	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final AccountMails mails;
	private final AccountData data;

	Preferences(JdbcClient jdbc, Clock clock, ApplicationEventPublisher events, AccountMails mails, AccountData data) {
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
		this.mails = mails;
		this.data = data;
	}

	@Transactional(readOnly = true)
	public PreferenceSettings of(AccountId id) {
		return jdbc.sql(SELECT).param("id", id.value())
				.query((rs, row) -> new PreferenceSettings(rs.getString(1), parse(rs.getString(2)))).optional()
				.orElseGet(PreferenceSettings::defaults);
	}

	public void update(AccountId id, PreferenceSettings settings) {
		String layout = settings.dashboard().columns() + ":" + String.join(",", settings.dashboard().widgets());
		Timestamp now = Timestamp.from(clock.instant());
		int updated = jdbc.sql(UPDATE).param("id", id.value()).param("home", settings.homePage())
				.param("layout", layout).param("now", now).update();
		if (updated == 0) {
			jdbc.sql(INSERT).param("id", id.value()).param("home", settings.homePage()).param("layout", layout)
					.param("now", now).update();
		}
		data.emailOf(id).ifPresent(email -> mails.preferencesChanged(id, email));
		events.publishEvent(new PreferencesChanged(id, clock.instant()));
	}

	private static PreferenceSettings.Dashboard parse(String stored) {
		String[] parts = stored.split(":", 2);
		List<String> widgets = parts.length < 2 || parts[1].isEmpty() ? List.of() : Arrays.asList(parts[1].split(","));
		return new PreferenceSettings.Dashboard(Integer.parseInt(parts[0]), widgets);
	}
}
