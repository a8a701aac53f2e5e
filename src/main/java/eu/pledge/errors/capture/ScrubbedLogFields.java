package eu.pledge.errors.capture;

import java.util.List;
import java.util.Set;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.json.JsonWriter;
import org.springframework.boot.logging.structured.StructuredLoggingJsonMembersCustomizer;
import org.springframework.core.env.Environment;

import eu.pledge.errors.tracker.ErrorsProperties;
import eu.pledge.errors.tracker.Scrubber;

/**
 * "Nothing personal in logs" for the JSON application log: the message of every line and the message and
 * stack trace of a logged exception pass through the same {@link Scrubber} as error events (built-in rules plus
 * {@code pledge.errors.scrub.*}) before they are written. Our own messages carry ids and codes only; this is
 * for what we do not write ourselves — a database driver quoting a duplicate value, a library's exception
 * message echoing input. Registered for Spring Boot's structured logging in {@code META-INF/spring.factories}.
 */
class ScrubbedLogFields implements StructuredLoggingJsonMembersCustomizer<Object> {

	/** ECS member paths (Spring Boot's {@code ecs} format) that hold free text. */
	private static final Set<String> FREE_TEXT = Set.of("message", "error.message", "error.stack_trace");

	private final Scrubber scrubber;

	ScrubbedLogFields(Environment environment) {
		this.scrubber = forLogs(environment);
	}

	/** The error tracker's scrubber with {@code pledge.errors.scrub.*}, as the logs use it (console too). */
	static Scrubber forLogs(Environment environment) {
		ErrorsProperties.Scrub scrub;
		try {
			scrub = Binder.get(environment).bind("pledge.errors.scrub", Bindable.of(ErrorsProperties.Scrub.class))
				.orElseGet(ScrubbedLogFields::builtInOnly);
		}
		catch (RuntimeException ex) {
			// Logging starts before the properties are validated: log with the built-in rules, and let the
			// properties refuse the start with their own message (an invalid pattern names itself there).
			scrub = builtInOnly();
		}
		return new Scrubber(scrub);
	}

	@Override
	public void customize(JsonWriter.Members<Object> members) {
		members.applyingValueProcessor(JsonWriter.ValueProcessor.of(String.class, this::scrub)
				.whenHasPath(path -> FREE_TEXT.contains(path.toString())));
	}

	String scrub(String text) {
		return scrubber.text(text);
	}

	private static ErrorsProperties.Scrub builtInOnly() {
		return new ErrorsProperties.Scrub(List.of(), List.of());
	}
}
