package eu.pledge.privacy.rights;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

import eu.pledge.PledgeApplication;
import eu.pledge.accounts.Accounts;
import eu.pledge.accounts.PostalAddress;
import eu.pledge.accounts.Registration;
import eu.pledge.protection.Protection;
import eu.pledge.shared.AccountId;
import tools.jackson.databind.json.JsonMapper;

/**
 * Export and erasure of a heavy account (issue 5): 10,000 audit events about the person and 100 sessions
 * (plus known addresses and preferences), next to a background trail of other people's events. Run by
 * {@code bench/rights.sh} against a fresh PostgreSQL database. Not a test: a main, no @Test.
 * <p>
 * Export is what {@code GET /api/v1/me/export} does minus HTTP: every holder's items, filed by category, written
 * as JSON bytes. Erasure is {@link Erasure#erase} (one transaction: every holder, the vault key,
 * {@code AccountErased}). Two cases: (a) the events are in today's open audit period; (b) they are spread over
 * the last {@code bench.sealed-days} days whose periods are closed: the erasure must leave the chain valid (it
 * is verified afterwards); with sealed pseudonyms it re-signs nothing, so (b) should cost what (a) does.
 */
public final class RightsBenchmark {

	private static final DateTimeFormatter DAY = DateTimeFormatter.BASIC_ISO_DATE;

	private final ConfigurableApplicationContext context;
	private final JdbcTemplate jdbc;
	private final boolean postgres;

	private RightsBenchmark(ConfigurableApplicationContext context, boolean postgres) {
		this.context = context;
		this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		this.postgres = postgres;
	}

	/**
	 * System properties: {@code bench.url} (required), {@code bench.events} (10,000 per account),
	 * {@code bench.sessions} (100), {@code bench.background} (200,000 other events), {@code bench.runs} (5
	 * accounts per case), {@code bench.sealed-days} (30).
	 */
	public static void main(String[] args) throws Exception {
		String url = System.getProperty("bench.url");
		if (url == null) {
			throw new IllegalArgumentException("-Dbench.url=jdbc:postgresql://127.0.0.1:5432/<fresh database> is required");
		}
		int events = Integer.getInteger("bench.events", 10_000);
		int sessions = Integer.getInteger("bench.sessions", 100);
		int background = Integer.getInteger("bench.background", 200_000);
		int runs = Integer.getInteger("bench.runs", 5);
		int sealedDays = Integer.getInteger("bench.sealed-days", 30);
		Path dataDir = Files.createTempDirectory("pledge-rights-bench");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "");
		properties.put("pledge.vault.master-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
		properties.put("pledge.data-dir", dataDir.toString());
		properties.put("pledge.audit.maintenance-interval", "6h");
		properties.put("pledge.passwords.argon2.memory-kib", "1024");
		properties.put("pledge.passwords.argon2.iterations", "1");
		properties.put("logging.level.root", "WARN");
		properties.put("spring.main.banner-mode", "off");
		properties.put("server.port", "-1");
		properties.put("pledge.base-url", "http://127.0.0.1");
		String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PledgeApplication.class)
				.web(WebApplicationType.SERVLET).initializers(eu.pledge.testing.SecondNode::withoutTestClasses).run(arguments)) {
			RightsBenchmark bench = new RightsBenchmark(context, url.startsWith("jdbc:postgresql"));
			bench.background(background, sealedDays);
			List<String> lines = new ArrayList<>();
			bench.measure("warm-up", 2, events, sessions, 0);
			lines.add(bench.measure("(a) events in the open period", runs, events, sessions, 0));
			lines.add(bench.measure("(b) events over " + sealedDays + " sealed periods", runs, events, sessions,
					sealedDays));
			System.out.printf("%nPledge rights benchmark: %,d audit events and %d sessions per account, %,d other events%n",
					events, sessions, background);
			lines.forEach(System.out::println);
		}
		finally {
			try (var files = Files.walk(dataDir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private String measure(String label, int runs, int events, int sessions, int sealedDays) throws Exception {
		List<Double> exports = new ArrayList<>();
		List<Double> erasures = new ArrayList<>();
		long bytes = 0;
		List<AccountId> accounts = new ArrayList<>();
		for (int run = 0; run < runs; run++) {
			accounts.add(heavyAccount(events, sessions, sealedDays));
		}
		if (sealedDays > 0) {
			closePeriods();
		}
		for (AccountId account : accounts) {
			long start = System.nanoTime();
			DataReport report = context.getBean(PersonalData.class).of(account);
			bytes = context.getBean(JsonMapper.class).writeValueAsBytes(report).length;
			exports.add((System.nanoTime() - start) / 1e6);
			start = System.nanoTime();
			context.getBean(Erasure.class).erase(account);
			erasures.add((System.nanoTime() - start) / 1e6);
			if (jdbc.queryForObject("SELECT COUNT(*) FROM audit_events WHERE actor = ?", Long.class, account.value()) != 0) {
				throw new IllegalStateException("erasure left events behind");
			}
		}
		if (sealedDays > 0 && !chainValid()) {
			throw new IllegalStateException("the audit chain no longer verifies after the erasures");
		}
		String line = "%-40s export median %6.0f ms (max %6.0f, %,d bytes) | erasure median %6.0f ms (max %6.0f)"
				.formatted(label, median(exports), max(exports), bytes, median(erasures), max(erasures));
		System.out.println(line);
		return line;
	}

	/** Registers a verified account with preferences, known addresses, sessions and audit events about it. */
	private AccountId heavyAccount(int events, int sessions, int sealedDays) {
		Accounts accounts = context.getBean(Accounts.class);
		String email = "bench-" + UUID.randomUUID() + "@example.org";
		accounts.register(new Registration("Bench Person", email, "a long benchmark passphrase",
				new PostalAddress("Benchstraat 1", "9000", "Gent", "BE")));
		UUID id = jdbc.queryForObject("SELECT id FROM accounts WHERE email_index = ?", UUID.class,
				accounts.accountKey(email));
		jdbc.update("UPDATE accounts SET status = 'ACTIVE' WHERE id = ?", id);
		jdbc.update("INSERT INTO preferences (account_id, home_page, dashboard_layout, updated_at) VALUES (?, '/account', '2:profile', ?)",
				id, Timestamp.from(Instant.now()));
		Protection protection = context.getBean(Protection.class);
		for (int i = 0; i < 5; i++) {
			protection.begin("198.51.100." + (i + 1), accounts.accountKey(email)).succeeded(new eu.pledge.shared.AccountId(id));
		}
		@SuppressWarnings("unchecked")
		FindByIndexNameSessionRepository<Session> repository = context.getBean(FindByIndexNameSessionRepository.class);
		for (int i = 0; i < sessions; i++) {
			Session session = repository.createSession();
			session.setAttribute(FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME, id.toString());
			session.setAttribute("pledge.device", "Firefox on Linux");
			session.setAttribute("pledge.signedInAt", System.currentTimeMillis());
			repository.save(session);
		}
		insertEvents(id, events, sealedDays);
		return new AccountId(id);
	}

	private void insertEvents(UUID actor, int count, int days) {
		Instant now = Instant.now();
		List<Object[]> rows = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			Instant at = days == 0 ? now.minusMillis(i) : now.minus(Duration.ofDays(1 + i % days)).minusMillis(i);
			rows.add(new Object[] { LocalDate.ofInstant(at, ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC), actor,
					i % 3 == 0 ? "login.succeeded" : "session.ended", "account", actor.toString(), "SUCCESS", "{}" });
		}
		jdbc.batchUpdate("""
				INSERT INTO audit_events (period, occurred_at, actor, action, target_type, target_id, outcome, detail)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
	}

	/** Other people's events over the last {@code days} days and today, and partitions for those days. */
	private void background(int count, int days) {
		LocalDate today = LocalDate.now(ZoneOffset.UTC);
		if (postgres) {
			for (int d = 0; d <= days + 1; d++) {
				LocalDate day = today.minusDays(d);
				jdbc.execute("CREATE TABLE IF NOT EXISTS audit_events_p" + DAY.format(day)
						+ " PARTITION OF audit_events FOR VALUES FROM ('" + day + "') TO ('" + day.plusDays(1) + "')");
			}
		}
		int batch = 10_000;
		for (int done = 0; done < count; done += batch) {
			List<Object[]> rows = new ArrayList<>(batch);
			for (int i = 0; i < batch && done + i < count; i++) {
				Instant at = Instant.now().minus(Duration.ofDays((done + i) % (days + 1))).minusMillis(i);
				UUID other = UUID.randomUUID();
				rows.add(new Object[] { LocalDate.ofInstant(at, ZoneOffset.UTC), at.atOffset(ZoneOffset.UTC), other,
						"login.succeeded", "account", other.toString(), "SUCCESS", "{}" });
			}
			jdbc.batchUpdate("""
					INSERT INTO audit_events (period, occurred_at, actor, action, target_type, target_id, outcome, detail)
					VALUES (?, ?, ?, ?, ?, ?, ?, ?)""", rows);
		}
		if (postgres) {
			jdbc.execute("ANALYZE audit_events");
		}
	}

	/** Closes every ended period (the audit module's maintenance, invoked as its scheduler would). */
	private void closePeriods() throws Exception {
		Object maintenance = context.getBean(Class.forName("eu.pledge.audit.AuditMaintenance"));
		var run = maintenance.getClass().getDeclaredMethod("run");
		run.setAccessible(true);
		run.invoke(maintenance);
	}

	private boolean chainValid() throws Exception {
		Object chain = context.getBean(Class.forName("eu.pledge.audit.Chain"));
		var verify = chain.getClass().getDeclaredMethod("verify");
		verify.setAccessible(true);
		Object verification = verify.invoke(chain);
		var valid = verification.getClass().getDeclaredMethod("valid");
		valid.setAccessible(true);
		return (Boolean) valid.invoke(verification);
	}

	private static double median(List<Double> values) {
		List<Double> sorted = values.stream().sorted().toList();
		return sorted.get(sorted.size() / 2);
	}

	private static double max(List<Double> values) {
		return values.stream().mapToDouble(Double::doubleValue).max().orElse(0);
	}
}
