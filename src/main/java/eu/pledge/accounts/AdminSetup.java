package eu.pledge.accounts;

import java.sql.Timestamp;
import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.PledgeProperties;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;
import eu.pledge.shared.Tokens;

/**
 * Creates the first platform administrator. With the bootstrap variables set, at start-up; otherwise a
 * one-time set-up link is printed to the console (standard output, never the log files) and dies once used.
 */
@Service
class AdminSetup implements ApplicationRunner {

	private static final Logger log = LoggerFactory.getLogger(AdminSetup.class);

	private static final String CLEAR = "DELETE FROM setup_tokens";
	private static final String INSERT = "INSERT INTO setup_tokens (token_hash, created_at) VALUES (:hash, :now)";
	private static final String SPEND = "DELETE FROM setup_tokens WHERE token_hash = :hash";
	private static final String EXISTS = "SELECT COUNT(*) FROM setup_tokens WHERE token_hash = :hash";

	private final Accounts accounts;
	private final PasswordPolicy policy;
	private final BootstrapProperties bootstrap;
	private final PledgeProperties pledge;
	private final JdbcClient jdbc;
	private final Clock clock;
	private final ApplicationEventPublisher events;

	AdminSetup(Accounts accounts, PasswordPolicy policy, BootstrapProperties bootstrap, PledgeProperties pledge,
			JdbcClient jdbc, Clock clock, ApplicationEventPublisher events) {
		this.accounts = accounts;
		this.policy = policy;
		this.bootstrap = bootstrap;
		this.pledge = pledge;
		this.jdbc = jdbc;
		this.clock = clock;
		this.events = events;
	}

	@Override
	@Transactional
	public void run(ApplicationArguments args) {
		if (accounts.anyAdministrator()) {
			jdbc.sql(CLEAR).update();
			return;
		}
		if (bootstrap.configured()) {
			String email = EmailAddresses.requirePlausible("email", bootstrap.adminEmail());
			policy.check("password", bootstrap.adminPassword());
			createAdministrator("Administrator", email, bootstrap.adminPassword());
			log.info("Created the first platform administrator from the bootstrap variables");
			return;
		}
		String token = Tokens.newLinkToken();
		jdbc.sql(CLEAR).update();
		jdbc.sql(INSERT).param("hash", Tokens.sha256(token)).param("now", Timestamp.from(clock.instant())).update();
		System.out.println("""

				=====================================================================
				 Pledge has no administrator yet. Create the first one here
				 (the link works once):

				   %s
				=====================================================================
				""".formatted(pledge.link("/setup?token=" + token)));
	}

	@Transactional(readOnly = true)
	boolean validToken(String token) {
		return token != null && token.length() <= 200 && !accounts.anyAdministrator()
				&& jdbc.sql(EXISTS).param("hash", Tokens.sha256(token)).query(Long.class).single() == 1;
	}

	/** Spends the set-up link and creates the administrator; the link is dead afterwards. */
	@Transactional
	void setUp(String token, String name, String email, String password) {
		String normalized = EmailAddresses.requirePlausible("email", email);
		if (name == null || name.isBlank() || name.length() > 200) {
			throw Rejected.badRequest("name", "Enter a name of at most 200 characters.");
		}
		StorableText.require("name", name);
		policy.check("password", password);
		if (token == null || token.length() > 200 || accounts.anyAdministrator()
				|| jdbc.sql(SPEND).param("hash", Tokens.sha256(token)).update() != 1) {
			throw Rejected.badRequest("token", "This set-up link is no longer valid.");
		}
		createAdministrator(name.strip(), normalized, password);
	}

	private void createAdministrator(String name, String email, String password) {
		AccountId id = accounts.create(name, email, password, new PostalAddress("", "", "", ""), true, "ADMIN");
		events.publishEvent(new AdministratorCreated(id, clock.instant()));
	}
}
