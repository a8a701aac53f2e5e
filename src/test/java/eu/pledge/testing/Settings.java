package eu.pledge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.Collectors;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.validation.autoconfigure.ValidationAutoConfiguration;
import org.springframework.validation.FieldError;
import org.springframework.validation.ObjectError;

/**
 * Binds {@code @ConfigurationProperties} records the way start-up does, Bean Validation included: constructing a
 * record directly would skip its constraints, and a test would then pass while a bad value starts the application.
 */
public final class Settings {

	private Settings() {
	}

	/** A context holding only the properties that {@code enabling} (an {@code @EnableConfigurationProperties}) names. */
	public static ApplicationContextRunner runner(Class<?> enabling) {
		return new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(ValidationAutoConfiguration.class))
				.withUserConfiguration(enabling);
	}

	/** Asserts that start-up fails with these settings and that the reason contains every one of {@code mentioning}. */
	public static void assertRefused(ApplicationContextRunner runner, String[] settings, String... mentioning) {
		runner.withPropertyValues(settings).run(context -> {
			assertThat(context).hasFailed();
			assertThat(reason(context.getStartupFailure())).contains(mentioning);
		});
	}

	public static void assertRefused(ApplicationContextRunner runner, String setting, String... mentioning) {
		assertRefused(runner, new String[] { setting }, mentioning);
	}

	public static void assertAccepted(ApplicationContextRunner runner, String... settings) {
		runner.withPropertyValues(settings).run(context -> assertThat(context).hasNotFailed());
	}

	/**
	 * What a person reads at start-up: each violated constraint as {@code prefix.property-name: message} (as the
	 * failure analyzer prints it), or the message of the exception a record's constructor threw.
	 */
	static String reason(Throwable failure) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (cause instanceof BindValidationException invalid) {
				String prefix = invalid.getValidationErrors().getName().toString();
				return invalid.getValidationErrors().getAllErrors().stream().map(error -> line(prefix, error))
						.collect(Collectors.joining("\n"));
			}
		}
		Throwable root = failure;
		while (root.getCause() != null) {
			root = root.getCause();
		}
		return String.valueOf(root.getMessage());
	}

	private static String line(String prefix, ObjectError error) {
		String name = error instanceof FieldError field ? prefix + "." + DataObjectPropertyName.toDashedForm(field.getField())
				: prefix;
		return name + ": " + error.getDefaultMessage();
	}
}
