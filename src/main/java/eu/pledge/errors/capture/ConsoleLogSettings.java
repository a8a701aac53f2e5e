package eu.pledge.errors.capture;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Makes {@link ScrubbedConsoleFormat} the console's format before the logging system starts. A default only:
 * an explicit {@code logging.structured.format.console} (e.g. {@code ecs}, which the JSON customizer scrubs as
 * well) wins.
 */
class ConsoleLogSettings implements EnvironmentPostProcessor {

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		environment.getPropertySources().addLast(new MapPropertySource("pledge-errors-console-logging",
				Map.of("logging.structured.format.console", ScrubbedConsoleFormat.class.getName())));
	}
}
