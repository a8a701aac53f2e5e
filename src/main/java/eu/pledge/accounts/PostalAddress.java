package eu.pledge.accounts;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

import eu.pledge.shared.Storable;

/** A structured postal address. Personal data: {@link #toString()} redacts it. */
public record PostalAddress(
		@NotBlank(message = "Enter the street and house number.") @Size(max = 200, message = "Use at most 200 characters.") @Storable String street,
		@NotBlank(message = "Enter the postal code.") @Size(max = 20, message = "Use at most 20 characters.") @Storable String postalCode,
		@NotBlank(message = "Enter the city.") @Size(max = 100, message = "Use at most 100 characters.") @Storable String city,
		@NotBlank(message = "Enter the country.") @Size(max = 60, message = "Use at most 60 characters.") @Storable String country) {

	public PostalAddress trimmed() {
		return new PostalAddress(trim(street), trim(postalCode), trim(city), trim(country));
	}

	static String trim(String value) {
		return value == null ? null : value.strip();
	}

	@Override
	public String toString() {
		return "PostalAddress[redacted]";
	}
}
