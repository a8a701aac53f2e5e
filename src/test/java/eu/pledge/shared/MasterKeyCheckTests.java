package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.PledgeApplication;

/**
 * Issue 11: a restart with another master key used to start as if nothing were wrong, and every sign-in failed
 * afterwards. The whole application is started, stopped and started again on one database (an H2 file in a
 * temporary data directory, or a PostgreSQL schema of its own when {@code spring.datasource.url} names one), the
 * way an operator restarts a node.
 */
class MasterKeyCheckTests {

	static final String KEY_A = "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=";
	static final String KEY_B = "QkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkJCQkI=";

	@TempDir
	Path dataDir;

	private final String url = System.getProperty("spring.datasource.url", "");
	private String schema;

	@BeforeEach
	void ownSchemaOnPostgres() throws SQLException {
		if (url.startsWith("jdbc:postgresql:")) {
			schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
			execute("CREATE SCHEMA " + schema);
		}
	}

	@AfterEach
	void dropSchema() throws SQLException {
		if (schema != null) {
			execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
		}
	}

	@Test
	void refusesToStartWithAnotherMasterKeyThanTheOneThatWrappedTheKeysAndStartsWithTheRightOne() throws Exception {
		AccountId owner = AccountId.random();
		String sealed;
		try (ConfigurableApplicationContext first = start("--pledge.vault.master-key=" + KEY_A)) {
			Vault vault = first.getBean(Vault.class);
			vault.createKey(owner);
			sealed = vault.seal(owner, "name", "Ada Lovelace");
		}

		assertThatThrownBy(() -> start("--pledge.vault.master-key=" + KEY_B).close())
				.satisfies(refusal -> assertRefusedNaming(refusal, "pledge.vault.master-key"));
		Path newKeyFile = dataDir.resolve("elsewhere").resolve("master.key");
		assertThatThrownBy(() -> start("--pledge.vault.master-key-file=" + newKeyFile).close())
				.satisfies(refusal -> assertRefusedNaming(refusal, newKeyFile.toString()))
				.satisfies(refusal -> assertThat(rootCause(refusal).getMessage())
						.doesNotContain(Files.readString(newKeyFile).trim()));

		try (ConfigurableApplicationContext again = start("--pledge.vault.master-key=" + KEY_A)) {
			assertThat(again.getBean(Vault.class).open(owner, "name", sealed)).isEqualTo("Ada Lovelace");
		}
	}

	@Test
	void aFreshDatabaseRecordsTheCheckOnceAnOlderOneIsCheckedAgainstItsDataKeys() throws Exception {
		try (ConfigurableApplicationContext context = start("--pledge.vault.master-key=" + KEY_A)) {
			JdbcClient jdbc = context.getBean(JdbcClient.class);
			Clock clock = context.getBean(Clock.class);
			PledgeProperties pledge = context.getBean(PledgeProperties.class);
			assertThat(checks(jdbc)).as("the first start on a fresh database records the check").isOne();

			// Two nodes with the same key start on a fresh database at the same moment: both start, one check.
			jdbc.sql("DELETE FROM vault_key_check").update();
			CyclicBarrier together = new CyclicBarrier(2);
			List<CompletableFuture<Vault>> nodes = new ArrayList<>();
			for (int node = 0; node < 2; node++) {
				nodes.add(CompletableFuture.supplyAsync(() -> {
					await(together);
					return new Vault(jdbc, clock, key(KEY_A), pledge);
				}));
			}
			for (CompletableFuture<Vault> node : nodes) {
				assertThat(node.get()).isNotNull();
			}
			assertThat(checks(jdbc)).isOne();
			assertThatThrownBy(() -> new Vault(jdbc, clock, key(KEY_B), pledge))
					.hasMessageContaining("pledge.vault.master-key");

			// A database from before the check: its data keys decide, and the right key records the check.
			new Vault(jdbc, clock, key(KEY_A), pledge).createKey(AccountId.random());
			jdbc.sql("DELETE FROM vault_key_check").update();
			assertThatThrownBy(() -> new Vault(jdbc, clock, key(KEY_B), pledge))
					.hasMessageContaining("pledge.vault.master-key");
			assertThat(checks(jdbc)).as("a refused key records nothing").isZero();
			new Vault(jdbc, clock, key(KEY_A), pledge);
			assertThat(checks(jdbc)).isOne();
		}
	}

	private static void assertRefusedNaming(Throwable refusal, String source) {
		String message = rootCause(refusal).getMessage();
		assertThat(message).contains(source).contains("master key");
		assertThat(message).doesNotContain(KEY_A).doesNotContain(KEY_B);
		assertThat(new MasterKeyMismatchAnalyzer().analyze(refusal)).as("Boot's start-up failure report")
				.satisfies(report -> assertThat(report.getDescription()).isEqualTo(message));
	}

	private static Throwable rootCause(Throwable failure) {
		Throwable cause = failure;
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		return cause;
	}

	private static long checks(JdbcClient jdbc) {
		return jdbc.sql("SELECT COUNT(*) FROM vault_key_check").query(Long.class).single();
	}

	private static VaultProperties key(String base64) {
		return new VaultProperties(base64, null, Duration.ofMinutes(5));
	}

	private static void await(CyclicBarrier barrier) {
		try {
			barrier.await();
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The whole application on this test's database, no web port, nothing scheduled that could interfere. */
	private ConfigurableApplicationContext start(String... arguments) {
		List<String> all = new ArrayList<>(List.of("--pledge.data-dir=" + dataDir, "--server.port=-1",
				"--spring.main.banner-mode=off", "--pledge.privacy.sweeper-enabled=false",
				"--pledge.audit.maintenance-interval=1d", "--spring.datasource.hikari.maximum-pool-size=3",
				"--spring.datasource.hikari.minimum-idle=1"));
		if (schema != null) {
			all.addAll(List.of("--spring.datasource.hikari.schema=" + schema, "--spring.flyway.schemas=" + schema,
					"--spring.flyway.default-schema=" + schema));
		}
		all.addAll(List.of(arguments));
		return new SpringApplicationBuilder(PledgeApplication.class)
				.initializers(context -> context.getBeanFactory().registerSingleton("testClassesExcludeFilter",
						new TestClassesExcludeFilter()))
				.run(all.toArray(String[]::new));
	}

	private void execute(String sql) throws SQLException {
		try (Connection connection = DriverManager.getConnection(url,
				System.getProperty("spring.datasource.username", "postgres"),
				System.getProperty("spring.datasource.password", ""));
				Statement statement = connection.createStatement()) {
			statement.execute(sql);
		}
	}

	/** Keeps every class compiled into target/test-classes (test configurations, stand-in holders) out of scanning. */
	static final class TestClassesExcludeFilter extends TypeExcludeFilter {
		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) {
			return reader.getResource().toString().contains("test-classes");
		}
	}
}
