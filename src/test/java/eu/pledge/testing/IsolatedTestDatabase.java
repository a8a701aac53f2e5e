package eu.pledge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Gives every test application context a database of its own, so two contexts (or two CI passes) never see
 * each other's rows: on PostgreSQL a fresh schema, dropped when the context closes; on H2 a fresh file
 * database in a temporary data directory, deleted when the context closes. A given PostgreSQL URL that
 * cannot be reached fails the tests; nothing is skipped.
 */
public class IsolatedTestDatabase implements ApplicationContextInitializer<ConfigurableApplicationContext> {

	/** Set on a context that joins another's database as a second node ({@link SecondNode}). */
	static final String JOIN = "pledge.test.join-database";

	@Override
	public void initialize(ConfigurableApplicationContext context) {
		ConfigurableEnvironment environment = context.getEnvironment();
		if (!environment.acceptsProfiles(org.springframework.core.env.Profiles.of("test"))
				|| environment.getProperty(JOIN, Boolean.class, false)) {
			return;
		}
		String url = environment.getProperty("spring.datasource.url", "");
		// Files a context writes (the H2 database, server logs) go to a temporary data dir, never the repository.
		Path dataDir = Path.of(System.getProperty("java.io.tmpdir"), "pledge-test-" + UUID.randomUUID());
		if (url.startsWith("jdbc:postgresql:")) {
			String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
			environment.getPropertySources().addFirst(new MapPropertySource("isolated-test-database",
					Map.of("spring.datasource.hikari.schema", schema, "spring.flyway.schemas", schema,
							"spring.flyway.default-schema", schema, "spring.flyway.create-schemas", "true",
							"pledge.data-dir", dataDir.toString())));
			context.addApplicationListener(new OnClose(context, () -> {
				new JdbcTemplate(context.getBean(DataSource.class)).execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
				deleteLater(dataDir);
			}));
		}
		else {
			environment.getPropertySources().addFirst(new MapPropertySource("isolated-test-database",
					Map.of("pledge.data-dir", dataDir.toString())));
			context.addApplicationListener(new OnClose(context, () -> deleteLater(dataDir)));
		}
	}

	/** Runs once when this context (not a child or another one) closes. */
	private record OnClose(ConfigurableApplicationContext context, Runnable action)
			implements ApplicationListener<ContextClosedEvent> {
		@Override
		public void onApplicationEvent(ContextClosedEvent event) {
			if (event.getApplicationContext() == context) {
				action.run();
			}
		}
	}

	/** H2 closes its files after the context; delete them when the JVM ends. */
	private static void deleteLater(Path dataDir) {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> {
			try (Stream<Path> files = Files.walk(dataDir)) {
				files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
			catch (IOException ignored) {
				// best effort: a temporary directory
			}
		}));
	}
}
