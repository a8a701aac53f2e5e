package eu.pledge.accounts;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.Tokens;

/**
 * The training run of an image build (README, "fast start"): started with {@code pledge.training.duration} (at most
 * ten minutes), Pledge serves itself ordinary traffic for that long once it is ready ({@link TrainingTraffic}: sign-ins,
 * {@code /api/v1/me}, the home page and the account's pages), then exits. Run under {@code -XX:AOTCacheOutput}
 * (Java 25), the JVM keeps with the classes the method profiles this traffic made, so that a server started with the
 * cache compiles its hot paths at once instead of after minutes of traffic (docs/PERFORMANCE.md, "Warm-up").
 *
 * <p>The traffic's person is made for the run: a verified account with a random password, in the embedded database of a
 * data dir that holds no account: on PostgreSQL, or on a database with any account, the run refuses, so it never
 * writes into data that outlives the image build. The process exits 0 after the run, 1 when
 * it was refused or a request failed (the image build then stops).
 */
@Component
@ConditionalOnProperty("pledge.training.duration")
class TrainingRun {

	private static final Logger log = LoggerFactory.getLogger(TrainingRun.class);

	static final Duration LONGEST = Duration.ofMinutes(10);

	private final Duration duration;
	private final Accounts accounts;
	private final JdbcClient jdbc;
	private final TransactionTemplate transactions;
	private final Environment environment;
	private final ConfigurableApplicationContext context;

	TrainingRun(@Value("${pledge.training.duration}") Duration duration, Accounts accounts, JdbcClient jdbc,
			PlatformTransactionManager transactions, Environment environment, ConfigurableApplicationContext context) {
		if (duration == null || duration.isNegative() || duration.isZero() || duration.compareTo(LONGEST) > 0) {
			throw new IllegalArgumentException("pledge.training.duration must be more than 0 s and at most 10 min");
		}
		this.duration = duration;
		this.accounts = accounts;
		this.jdbc = jdbc;
		this.transactions = new TransactionTemplate(transactions);
		this.environment = environment;
		this.context = context;
	}

	@EventListener(ApplicationReadyEvent.class)
	void start() {
		Thread run = new Thread(() -> {
			int status = train();
			System.exit(SpringApplication.exit(context, () -> status));
		}, "pledge-training");
		run.start();
	}

	/** Makes the person, sends the traffic; returns the exit status. */
	int train() {
		Optional<String> refusal = refusal();
		if (refusal.isPresent()) {
			log.error("Training run refused: {}", refusal.get());
			return 1;
		}
		String port = environment.getProperty("local.server.port");
		String email = "training-" + Tokens.sha256(Tokens.random(16)).substring(0, 24) + "@example.invalid";
		String password = Tokens.random(24);
		Boolean made = transactions.execute(status -> {
			if (jdbc.sql("SELECT COUNT(*) FROM accounts").query(Long.class).single() > 0) {
				return false;
			}
			accounts.create("Training", email, password, new PostalAddress("", "", "", ""), true, "");
			return true;
		});
		if (!Boolean.TRUE.equals(made)) {
			log.error("Training run refused: the database holds accounts; train on an empty data dir");
			return 1;
		}
		int threads = Runtime.getRuntime().availableProcessors();
		log.info("Training run: {} of traffic on {} threads", duration, threads);
		try {
			TrainingTraffic.Result result = TrainingTraffic.serve(URI.create("http://" + host() + ":" + port), email,
					password, duration, threads);
			log.info("Training run done: {} requests, {} failed{}", result.requests(), result.failed(),
					result.firstFailure() == null ? "" : " (first: " + result.firstFailure() + ")");
			return result.failed() == 0 && result.requests() > 0 ? 0 : 1;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return 1;
		}
	}

	/** Why this start may not train, if it may not: no web server, or a database other than the embedded one. */
	Optional<String> refusal() {
		if (environment.getProperty("local.server.port") == null) {
			return Optional.of("the web server is not running");
		}
		String url = environment.getProperty("spring.datasource.url", "");
		if (!url.startsWith("jdbc:h2:file:") && !url.startsWith("jdbc:h2:mem:")) {
			return Optional.of("it trains on the embedded database of a throw-away data dir only, not on PostgreSQL or a database server");
		}
		return Optional.empty();
	}

	/** Where the server listens: {@code server.address}, or the loopback when it listens on every address. */
	private String host() {
		String address = environment.getProperty("server.address", "");
		if (address.isBlank() || address.equals("0.0.0.0") || address.equals("::")) {
			return "127.0.0.1";
		}
		return address.contains(":") ? "[" + address + "]" : address;
	}
}
