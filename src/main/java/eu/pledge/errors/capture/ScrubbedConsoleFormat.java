package eu.pledge.errors.capture;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

import org.springframework.boot.logging.structured.StructuredLogFormatter;
import org.springframework.core.env.Environment;

import ch.qos.logback.classic.pattern.TargetLengthBasedClassNameAbbreviator;
import ch.qos.logback.classic.pattern.ThrowableProxyConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

import eu.pledge.errors.tracker.Scrubber;

/**
 * The console log as people read it — the layout of Spring Boot's default console pattern with the request
 * id — but with the message and a logged exception passed through the same {@link Scrubber} as the JSON
 * application log: whatever the console prints is kept by systemd's journal or the container runtime, so it
 * gets the same care. Set as {@code logging.structured.format.console} by {@link ConsoleLogSettings}.
 */
class ScrubbedConsoleFormat implements StructuredLogFormatter<ILoggingEvent> {

	private static final DateTimeFormatter TIME = new DateTimeFormatterBuilder().appendInstant(3).toFormatter()
		.withZone(ZoneOffset.UTC);
	private static final String REQUEST_ID = "requestId";

	private final Scrubber scrubber;
	private final ThrowableProxyConverter throwables;
	private final TargetLengthBasedClassNameAbbreviator loggers = new TargetLengthBasedClassNameAbbreviator(39);
	private final String process;

	ScrubbedConsoleFormat(Environment environment, ThrowableProxyConverter throwables) {
		this.scrubber = ScrubbedLogFields.forLogs(environment);
		this.throwables = throwables;
		this.process = ProcessHandle.current().pid() + " --- [" + environment.getProperty("spring.application.name", "")
				+ "] ";
	}

	@Override
	public String format(ILoggingEvent event) {
		StringBuilder line = new StringBuilder(200);
		line.append(TIME.format(Instant.ofEpochMilli(event.getTimeStamp()))).append(' ');
		pad(line, event.getLevel().toString(), 5, false);
		String requestId = event.getMDCPropertyMap().get(REQUEST_ID);
		line.append(" [").append(requestId != null ? requestId : "").append("] ").append(process).append('[');
		pad(line, last(event.getThreadName(), 15), 15, false); // %15.15t
		line.append("] ");
		pad(line, last(loggers.abbreviate(event.getLoggerName()), 40), 40, true); // %-40.40logger{39}
		line.append(" : ");
		String message = event.getFormattedMessage();
		line.append(message == null ? "" : scrubber.text(message)).append('\n');
		String thrown = throwables.convert(event);
		if (thrown != null && !thrown.isEmpty()) {
			line.append(scrubber.text(thrown));
		}
		return line.toString();
	}

	private static String last(String text, int length) {
		return text.length() > length ? text.substring(text.length() - length) : text;
	}

	private static void pad(StringBuilder line, String text, int width, boolean left) {
		if (left) {
			line.append(text);
		}
		line.append(" ".repeat(Math.max(0, width - text.length())));
		if (!left) {
			line.append(text);
		}
	}
}
