package eu.pledge.serverlogs;

import java.util.HashMap;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Derives Spring Boot's file logging from {@code pledge.serverlogs.*} before the logging system starts: the
 * application log goes to {@code <directory>/pledge.json} as JSON (Elastic Common Schema, with the MDC's
 * {@code requestId}), rolls over daily (UTC) into {@code pledge.json.<day>.<n>.gz}, and Logback keeps as many
 * days as the retention says. Defaults only: an explicit {@code logging.*} setting wins. The console stays
 * human-readable.
 */
class ApplicationLogSettings implements EnvironmentPostProcessor {

	static final String FILE = "pledge.json";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		String directory = environment.getProperty("pledge.serverlogs.directory");
		String file = environment.getProperty("logging.file.name");
		Map<String, Object> defaults = new HashMap<>();
		if (file == null && directory != null) {
			file = directory + "/" + FILE;
			defaults.put("logging.file.name", file);
		}
		if (file == null) {
			return;
		}
		defaults.put("logging.structured.format.file", "ecs");
		defaults.put("logging.logback.rollingpolicy.file-name-pattern", file + ".%d{yyyy-MM-dd,UTC}.%i.gz");
		defaults.put("logging.logback.rollingpolicy.clean-history-on-start", "true");
		defaults.put("logging.logback.rollingpolicy.max-file-size",
				environment.getProperty("pledge.serverlogs.max-file-size", "100MB"));
		defaults.put("logging.logback.rollingpolicy.total-size-cap",
				environment.getProperty("pledge.serverlogs.total-size-cap", "5GB"));
		try {
			String retention = environment.getProperty("pledge.serverlogs.retention", "60d");
			defaults.put("logging.logback.rollingpolicy.max-history",
					Long.toString(DurationStyle.detectAndParse(retention).toDays()));
		}
		catch (IllegalArgumentException ex) {
			// ServerLogsProperties rejects the value with a clear message once the context starts.
		}
		environment.getPropertySources().addLast(new MapPropertySource("pledge-serverlogs-logging", defaults));
	}
}
