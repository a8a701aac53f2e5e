package eu.pledge.errors.capture;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.mock.env.MockEnvironment;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.LoggingEvent;

/** The console line keeps the usual layout and loses what the scrubber removes, in the message and the trace. */
class ScrubbedConsoleFormatTests {

	@Test
	void aLineReadsLikeTheDefaultConsoleAndShowsNoPersonalData() {
		LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
		ThrowableProxyConverter throwables = new ThrowableProxyConverter();
		throwables.setContext(context);
		throwables.start();
		ScrubbedConsoleFormat format = new ScrubbedConsoleFormat(
				new MockEnvironment().withProperty("spring.application.name", "pledge"), throwables);
		Logger logger = context.getLogger("org.example.driver.ConnectionPool");
		LoggingEvent event = new LoggingEvent(Logger.class.getName(), logger, Level.ERROR,
				"Duplicate key (email)=({}) from {}", new IllegalStateException("quoted jane.doe@example.com"),
				new Object[] { "jane.doe@example.com", "203.0.113.9" });
		event.setThreadName("http-nio-8080-exec-1");
		event.setMDCPropertyMap(Map.of("requestId", "r-42"));
		event.setTimeStamp(1_795_000_000_123L);

		String text = format.format(event);

		assertThat(text).doesNotContain("jane.doe@example.com").doesNotContain("203.0.113.9");
		String first = text.lines().findFirst().orElseThrow();
		assertThat(first).startsWith("2026-11-18T11:06:40.123Z ERROR [r-42] " + ProcessHandle.current().pid()
				+ " --- [pledge] [nio-8080-exec-1] org.example.driver.ConnectionPool        : ")
			.endsWith("Duplicate key (email)=([Filtered]) from [Filtered]");
		assertThat(text).contains("java.lang.IllegalStateException: quoted [Filtered]")
			.contains("at " + ScrubbedConsoleFormatTests.class.getName() + ".");
	}
}
