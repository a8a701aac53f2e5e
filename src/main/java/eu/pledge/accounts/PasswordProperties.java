package eu.pledge.accounts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Password rules and hashing cost.
 *
 * @param minLength shortest accepted password, in characters
 * @param maxLength longest accepted password, in characters
 * @param argon2 Argon2id cost; stored hashes with other parameters are upgraded at the next sign-in
 */
@Validated
@ConfigurationProperties("pledge.passwords")
public record PasswordProperties(@Min(8) @Max(64) @DefaultValue("12") int minLength,
		@Min(64) @Max(1024) @DefaultValue("256") int maxLength, @Valid @NotNull @DefaultValue Argon2 argon2) {

	/**
	 * @param memoryKib memory cost in KiB (OWASP minimum for t=2 is 19456)
	 * @param iterations time cost
	 * @param parallelism lanes
	 */
	public record Argon2(@Min(1024) @Max(4_194_304) @DefaultValue("19456") int memoryKib,
			@Min(1) @Max(100) @DefaultValue("2") int iterations, @Min(1) @Max(64) @DefaultValue("1") int parallelism) {
	}
}
