package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.awaitility.Awaitility;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.errors.capture.ExceptionChains;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/**
 * The error tracker's test context: a bootstrap administrator, an on-call address for alerts, and helpers to
 * make events from real exceptions. Every test makes its own exceptions (a fresh type or message), so the
 * shared context's issues never collide.
 */
@TestPropertySource(properties = { "pledge.bootstrap.admin-email=" + ErrorsHttpTest.ADMIN,
		"pledge.bootstrap.admin-password=" + ErrorsHttpTest.ADMIN_PASSWORD,
		"pledge.errors.alert-recipients=" + ErrorsHttpTest.ONCALL, "pledge.errors.alerts.max-per-window=1000",
		"pledge.errors.alerts.cooldown=1s", "pledge.errors.release=1.0.0", "pledge.errors.environment=test" })
public abstract class ErrorsHttpTest extends HttpTest {

	static final String ADMIN = "errors-admin@pledge.example";
	static final String ADMIN_PASSWORD = "the errors administrators passphrase";
	static final String ONCALL = "oncall@errors.example";
	protected static final Map<String, String> HTML = Map.of("Accept", "text/html");

	@Autowired
	protected Tracker tracker;

	@Autowired
	protected JdbcClient jdbc;

	@org.springframework.beans.factory.annotation.Value("${pledge.bootstrap.admin-email}")
	String adminEmail;

	protected ApiClient admin() {
		ApiClient admin = client();
		assertThat(People.signIn(admin, adminEmail, ADMIN_PASSWORD).status()).isEqualTo(200);
		return admin;
	}

	/** An event of Pledge's project, as the appender would make it from this exception. */
	protected static ErrorEvent event(Throwable thrown, String release) {
		return new ErrorEvent(null, ErrorEvent.PLEDGE_PROJECT, Instant.now(), "error", "java", ExceptionChains.of(thrown),
				"it failed", "it failed", null, release, "test", null, null, null, Map.of());
	}

	protected static ErrorEvent message(String text, String release) {
		return new ErrorEvent(null, ErrorEvent.PLEDGE_PROJECT, Instant.now(), "error", "java", List.of(), text, text,
				null, release, "test", null, null, null, Map.of());
	}

	/** A message nobody else uses, so the event makes an issue of its own. */
	protected static String unique(String what) {
		return what + " " + UUID.randomUUID().toString().replace("-", "").replaceAll("\\d", "x").substring(0, 12);
	}

	Issue issue(long id) {
		return jdbc.sql("SELECT * FROM error_issues WHERE id = :id").param("id", id).query(IssueRepository.ROW).single();
	}

	protected long count(String sql, Object... params) {
		JdbcClient.StatementSpec statement = jdbc.sql(sql);
		for (int i = 0; i < params.length; i++) {
			statement = statement.param(i + 1, params[i]);
		}
		return statement.query(Long.class).single();
	}

	protected static ApiClient.Response page(ApiClient client, String path) {
		return client.send("GET", path, null, HTML);
	}

	protected static ApiClient.Response form(ApiClient client, String page, String action, String fields) {
		return post(client, action, fields, csrf(client, page));
	}

	protected static String csrf(ApiClient client, String page) {
		Matcher csrf = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(page(client, page).body());
		assertThat(csrf.find()).as("a form with a CSRF token on " + page).isTrue();
		return csrf.group(1);
	}

	protected static ApiClient.Response post(ApiClient client, String action, String fields, String csrf) {
		return client.send("POST", action, fields + "&_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8),
				Map.of("Content-Type", "application/x-www-form-urlencoded", "Accept", "text/html"));
	}

	protected static void await(java.util.concurrent.Callable<Boolean> condition) {
		Awaitility.await().atMost(Duration.ofSeconds(15)).until(condition);
	}
}
