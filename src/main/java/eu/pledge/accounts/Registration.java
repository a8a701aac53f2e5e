package eu.pledge.accounts;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import eu.pledge.shared.Storable;

/** What a person gives to register. Personal data: {@link #toString()} redacts it. */
public record Registration(
		@NotBlank(message = "Enter your name.") @Size(max = 200, message = "Use at most 200 characters.") @Storable String name,
		@NotBlank(message = "Enter your email address.") @Size(max = 254, message = "Use at most 254 characters.") @Storable String email,
		@NotNull(message = "Choose a password.") String password,
		@Valid @NotNull(message = "Enter your postal address.") PostalAddress address) {

	@Override
	public String toString() {
		return "Registration[redacted]";
	}
}
