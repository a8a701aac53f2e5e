package eu.pledge.privacy.retention;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.PledgeApplication;
import eu.pledge.privacy.Holders;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Vault;

/**
 * The retention sweep's benchmark (issue 5), run by {@code bench/retention.sh}. Not a test: a main, no @Test. It
 * boots the whole application without a web server, loads {@code bench.accounts} accounts (encrypted profile under
 * a data key of their own, preferences, one membership) of one organisation whose contract ended 60 days ago, and
 * times one run of the {@code non-customers} rule (before issue 15: {@code departed-customers}) through the sweeper: every account goes through
 * {@link Holders#eraseAll} (whichever holders exist in this build, listed in the output) and loses its membership.
 * System properties: {@code bench.url} (default: an H2 file database in a temporary directory), {@code bench.accounts}
 * (100000), {@code bench.batch} (accounts per committed batch, 500).
 */
public final class RetentionBenchmark {

	public static void main(String[] args) throws Exception {
		String url = System.getProperty("bench.url", "");
		int accounts = Integer.getInteger("bench.accounts", 100_000);
		int batch = Integer.getInteger("bench.batch", 500);
		Path dataDir = Files.createTempDirectory("pledge-retention-bench");
		Map<String, Object> properties = new LinkedHashMap<>();
		if (!url.isEmpty()) {
			properties.put("spring.datasource.url", url);
			properties.put("spring.datasource.username", System.getProperty("bench.user", "postgres"));
			properties.put("spring.datasource.password", "");
		}
		properties.put("pledge.vault.master-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
		properties.put("pledge.data-dir", dataDir.toString());
		properties.put("pledge.privacy.sweeper-enabled", "false");
		properties.put("pledge.privacy.sweep-batch", batch);
		properties.put("logging.level.root", "WARN");
		properties.put("spring.main.banner-mode", "off");
		properties.put("server.port", "-1");
		String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PledgeApplication.class)
				.web(WebApplicationType.SERVLET).initializers(eu.pledge.testing.SecondNode::withoutTestClasses).run(arguments)) {
			run(context, accounts, batch, url.isEmpty() ? "H2 (embedded file)" : url);
		}
		finally {
			try (var files = Files.walk(dataDir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	private static void run(ConfigurableApplicationContext context, int accounts, int batch, String database) {
		JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
		TransactionTemplate transactions = context.getBean(TransactionTemplate.class);
		Vault vault = context.getBean(Vault.class);
		Instant now = Instant.now();
		UUID organization = UUID.randomUUID();
		Timestamp start = Timestamp.from(now.minus(Duration.ofDays(400)));
		jdbc.update("INSERT INTO access_organizations (id, name, status, created_at, updated_at) VALUES (?, 'Departed', 'ACTIVE', ?, ?)",
				organization, start, start);
		jdbc.update("""
				INSERT INTO access_contracts (id, organization_id, status, starts_at, ends_at, seats, created_at, updated_at)
				VALUES (?, ?, 'ACTIVE', ?, ?, 1000000, ?, ?)""", UUID.randomUUID(), organization, start,
				Timestamp.from(now.minus(Duration.ofDays(60))), start, start);

		long loadStart = System.nanoTime();
		for (int done = 0; done < accounts; done += 1000) {
			int size = Math.min(1000, accounts - done);
			transactions.executeWithoutResult(status -> load(jdbc, vault, organization, size, start));
		}
		say("loaded %,d accounts (a data key and a sealed email each, ciphertext-shaped rest of the profile, preferences, membership) in %.1f s", accounts,
				(System.nanoTime() - loadStart) / 1e9);

		List<String> holders = context.getBean(Holders.class).all().stream().map(PersonalDataHolder::getClass)
				.map(Class::getSimpleName).toList();
		RetentionSweeper sweeper = context.getBean(RetentionSweeper.class);
		RetentionRule rule = sweeper.rules().stream().filter(r -> r.name().equals("non-customers")).findFirst()
				.orElseThrow();
		long sweepStart = System.nanoTime();
		Long destroyed = sweeper.sweep(rule);
		double seconds = (System.nanoTime() - sweepStart) / 1e9;

		long memberships = jdbc.queryForObject("SELECT COUNT(*) FROM access_memberships", Long.class);
		long accountRows = jdbc.queryForObject("SELECT COUNT(*) FROM accounts", Long.class);
		long keys = jdbc.queryForObject("SELECT COUNT(*) FROM vault_keys", Long.class);
		System.out.println("measure non-customers sweep on " + database);
		System.out.printf("holders erasing each account: %d %s%n", holders.size(), holders);
		System.out.printf("accounts destroyed: %,d in %.1f s = %,.0f accounts/s (batches of %d, each committed)%n",
				destroyed, seconds, destroyed / seconds, batch);
		System.out.printf("left afterwards: memberships %,d, account rows %,d, vault keys %,d%n", memberships, accountRows, keys);
	}

	private static void load(JdbcTemplate jdbc, Vault vault, UUID organization, int size, Timestamp at) {
		List<Object[]> accounts = new ArrayList<>();
		List<Object[]> preferences = new ArrayList<>();
		List<Object[]> memberships = new ArrayList<>();
		for (int i = 0; i < size; i++) {
			UUID id = UUID.randomUUID();
			// A real data key and a really sealed email (erasure opens it: the outbox and the invitations are found by
			// it); the other fields are ciphertext-shaped, as erasure deletes them unopened and sealing 500,000 more
			// values would make the load, not the sweep, the benchmark.
			vault.createKey(new AccountId(id));
			String email = vault.seal(new AccountId(id), "email", id + "@example.org");
			accounts.add(new Object[] { id, vault.blindIndex(id + "@example.org"), email, sealed(30), sealed(30),
					sealed(4), sealed(10), sealed(2), at, at, at });
			preferences.add(new Object[] { id, at });
			memberships.add(new Object[] { organization, id, at });
		}
		jdbc.batchUpdate("""
				INSERT INTO accounts (id, email_index, email, name, street, postal_code, city, country, password_hash,
				  status, roles, created_at, verified_at, updated_at)
				VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'x', 'ACTIVE', 'USER', ?, ?, ?)""", accounts);
		jdbc.batchUpdate("INSERT INTO preferences (account_id, home_page, dashboard_layout, updated_at) VALUES (?, '/', '{}', ?)",
				preferences);
		jdbc.batchUpdate("INSERT INTO access_memberships (organization_id, account_id, role, joined_at) VALUES (?, ?, 'MEMBER', ?)",
				memberships);
	}

	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	private static byte[] random(int length) {
		byte[] bytes = new byte[length];
		RANDOM.nextBytes(bytes);
		return bytes;
	}

	/** The vault's shape: version 1, 12-byte IV, ciphertext, 16-byte tag, in base64. */
	private static String sealed(int plaintextLength) {
		byte[] bytes = random(1 + 12 + plaintextLength + 16);
		bytes[0] = 1;
		return java.util.Base64.getEncoder().encodeToString(bytes);
	}

	private static void say(String format, Object... args) {
		System.err.printf("[bench] " + format + "%n", args);
	}

	private RetentionBenchmark() {
	}
}
