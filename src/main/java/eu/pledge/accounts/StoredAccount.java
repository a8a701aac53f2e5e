package eu.pledge.accounts;

import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import eu.pledge.shared.AccountId;

/** A row of {@code accounts} as stored: identity columns are vault ciphertext. */
record StoredAccount(UUID id, String emailIndex, String email, String name, String street, String postalCode,
		String city, String country, String passwordHash, String status, String roles, String totpSecret,
		String totpPendingSecret, Long totpLastStep, Instant createdAt, Instant verifiedAt, Instant disabledAt,
		Instant lastSignInAt) {

	static final String ACTIVE = "ACTIVE";
	static final String UNVERIFIED = "UNVERIFIED";

	AccountId accountId() {
		return new AccountId(id);
	}

	boolean verified() {
		return ACTIVE.equals(status);
	}

	boolean disabled() {
		return disabledAt != null;
	}

	boolean secondFactor() {
		return totpSecret != null;
	}

	Set<String> roleSet() {
		return Arrays.stream(roles.split(",")).filter(role -> !role.isBlank()).collect(Collectors.toUnmodifiableSet());
	}

	@Override
	public String toString() {
		return "StoredAccount[id=" + id + ", status=" + status + "]";
	}
}
