package eu.pledge.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

import eu.pledge.PledgeApplication;

/**
 * Another Pledge node in the test JVM, serving on its own port from the database of a test's context, as a
 * second server of a production cluster would (on H2 both reach the same embedded file database, on
 * PostgreSQL the same schema). Its server logs go to a directory of its own; it has the real clock.
 */
public final class SecondNode implements AutoCloseable {

	/** Properties that tie a context to its database; the second node takes them from the first. */
	private static final List<String> DATABASE = List.of("spring.datasource.url", "spring.datasource.username",
			"spring.datasource.password", "spring.datasource.hikari.schema", "spring.flyway.schemas",
			"spring.flyway.default-schema", "pledge.data-dir", "spring.mail.host", "spring.mail.port",
			"pledge.web.trusted-proxies");

	private final ConfigurableApplicationContext context;
	private final Path logs;

	private SecondNode(ConfigurableApplicationContext context, Path logs) {
		this.context = context;
		this.logs = logs;
	}

	/**
	 * Starts a node on the database of the context whose environment is {@code firstNode}, with the
	 * {@code same} settings that the first node's test sets for itself.
	 */
	public static SecondNode of(Environment firstNode, Map<String, String> same) throws IOException {
		return of(firstNode, same, Files.createTempDirectory("pledge-second-node-logs"));
	}

	/** As {@link #of(Environment, Map)}, writing its server logs to {@code logs} (a node restarted on its disk). */
	public static SecondNode of(Environment firstNode, Map<String, String> same, Path logs) {
		Map<String, String> properties = new HashMap<>(same);
		for (String name : DATABASE) {
			String value = firstNode.getProperty(name);
			if (value != null) {
				properties.put(name, value);
			}
		}
		properties.put(IsolatedTestDatabase.JOIN, "true");
		properties.put("server.port", "0");
		properties.put("pledge.serverlogs.directory", logs.toString());
		// As arguments: properties given to the builder would only be defaults, below application.yml.
		String[] arguments = properties.entrySet().stream().map(p -> "--" + p.getKey() + "=" + p.getValue())
				.toArray(String[]::new);
		ConfigurableApplicationContext context = new SpringApplicationBuilder(PledgeApplication.class)
				.web(WebApplicationType.SERVLET).profiles("test").initializers(SecondNode::withoutTestClasses)
				.run(arguments);
		return new SecondNode(context, logs);
	}

	public int port() {
		return ((WebServerApplicationContext) context).getWebServer().getPort();
	}

	public Path logs() {
		return logs;
	}

	public <T> T bean(Class<T> type) {
		return context.getBean(type);
	}

	@Override
	public void close() {
		context.close();
		logs.toFile().deleteOnExit();
	}

	/** Test classes stay out of component scanning (a scanned test clock would freeze the application's). */
	public static void withoutTestClasses(ConfigurableApplicationContext context) {
		context.getBeanFactory().registerSingleton("testClassesExcludeFilter", new TestClassesExcludeFilter());
	}

	private static final class TestClassesExcludeFilter extends TypeExcludeFilter {
		@Override
		public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
			return reader.getResource().getURL().toString().contains("/test-classes/");
		}
	}
}
