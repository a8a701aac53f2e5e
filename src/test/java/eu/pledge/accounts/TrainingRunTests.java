package eu.pledge.accounts;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.testing.HttpTest;

/**
 * The training run of an image build: its traffic signs a person in, reads their data and draws their pages without a
 * single failed request, and signs them out again; it refuses a database that holds accounts, and any but the embedded
 * one.
 */
class TrainingRunTests extends HttpTest {

	@Autowired
	Accounts accounts;

	@Autowired
	JdbcClient jdbc;

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	ConfigurableApplicationContext context;

	@Test
	void theTrafficSignsInReadsDrawsAndSignsOutWithoutAFailure() throws InterruptedException {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);

		TrainingTraffic.Result result = TrainingTraffic.serve(URI.create("http://127.0.0.1:" + port), email, PASSWORD,
				Duration.ofSeconds(3), 2);

		assertThat(result.failed()).as("first failure: %s", result.firstFailure()).isZero();
		assertThat(result.requests()).isGreaterThanOrEqualTo(2 * TrainingTraffic.ROUND); // each thread ends its round
		String id = accounts.accountWithEmail(email).orElseThrow().value().toString();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM spring_session WHERE principal_name = :id").param("id", id)
			.query(Long.class).single()).as("every round signs out").isZero();
	}

	@Test
	void aRefusedSignInCountsAsAFailure() throws InterruptedException {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);

		TrainingTraffic.Result result = TrainingTraffic.serve(URI.create("http://127.0.0.1:" + port), email,
				"not the password", Duration.ofMillis(200), 1);

		assertThat(result.failed()).isPositive().isEqualTo(result.requests());
		assertThat(result.firstFailure()).isEqualTo("POST /api/v1/session: 401");
	}

	@Test
	void aRunRefusesADatabaseThatHoldsAccounts() {
		registerAndVerify(client(), mailbox, randomEmail());
		TrainingRun run = new TrainingRun(Duration.ofSeconds(1), accounts, jdbc, transactions, environment, context);
		long before = jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single();

		assertThat(run.train()).isEqualTo(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single()).isEqualTo(before);
	}

	@Test
	void aRunTrainsOnTheEmbeddedDatabaseOnlyAndOnlyWithItsWebServer() {
		MockEnvironment postgres = new MockEnvironment().withProperty("local.server.port", "8080")
			.withProperty("spring.datasource.url", "jdbc:postgresql://127.0.0.1:5432/pledge");
		MockEnvironment embedded = new MockEnvironment().withProperty("local.server.port", "8080")
			.withProperty("spring.datasource.url", "jdbc:h2:file:/tmp/training/pledge");
		MockEnvironment noServer = new MockEnvironment().withProperty("spring.datasource.url", "jdbc:h2:file:/x");

		assertThat(runWith(postgres).refusal()).hasValueSatisfying(reason -> assertThat(reason).contains("PostgreSQL"));
		assertThat(runWith(embedded).refusal()).isEmpty();
		MockEnvironment h2Server = new MockEnvironment().withProperty("local.server.port", "8080")
			.withProperty("spring.datasource.url", "jdbc:h2:tcp://db.example/pledge");
		assertThat(runWith(h2Server).refusal()).isPresent(); // a shared H2 server outlives the image build
		assertThat(runWith(noServer).refusal()).hasValue("the web server is not running");
		assertThat(runWith(postgres).train()).isEqualTo(1);
	}

	private TrainingRun runWith(Environment environment) {
		return new TrainingRun(Duration.ofSeconds(1), accounts, jdbc, transactions, environment, context);
	}

	@Test
	void theDurationIsBounded() {
		assertThatThrownBy(() -> new TrainingRun(null, accounts, jdbc, transactions, environment, context))
			.hasMessageContaining("pledge.training.duration");
		assertThatThrownBy(() -> new TrainingRun(Duration.ZERO, accounts, jdbc, transactions, environment, context))
			.hasMessageContaining("pledge.training.duration");
		assertThatThrownBy(() -> new TrainingRun(Duration.ofMinutes(11), accounts, jdbc, transactions, environment,
				context))
			.hasMessageContaining("pledge.training.duration");
	}
}
