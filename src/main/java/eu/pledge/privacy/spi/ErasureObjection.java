package eu.pledge.privacy.spi;

import java.util.List;
import java.util.Objects;

/**
 * Why an account cannot be erased yet, and what the person can do about it.
 *
 * @param code a stable name, e.g. {@code last-owner}
 * @param message a sentence the person understands, with no personal data
 * @param subjects what the objection is about, by name (e.g. organisation names); never a person's name
 */
public record ErasureObjection(String code, String message, List<String> subjects) {

	public ErasureObjection {
		Objects.requireNonNull(code, "code");
		Objects.requireNonNull(message, "message");
		subjects = List.copyOf(subjects);
	}
}
