package eu.pledge.shared;

import java.util.Objects;
import java.util.UUID;

import org.springframework.security.core.Authentication;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The stable, meaningless identifier of an account; the only way other modules refer to a person. */
public record AccountId(UUID value) implements KeyOwner {

	public AccountId {
		Objects.requireNonNull(value, "value");
	}

	public static AccountId random() {
		return new AccountId(UUID.randomUUID());
	}

	@JsonCreator
	public static AccountId of(String value) {
		return new AccountId(UUID.fromString(value));
	}

	/** The account behind an authenticated request; sessions use the account id as principal name. */
	public static AccountId from(Authentication authentication) {
		return of(authentication.getName());
	}

	@JsonValue
	@Override
	public String toString() {
		return value.toString();
	}
}
