package eu.pledge.accounts;

import java.time.Instant;
import java.util.Set;

import eu.pledge.shared.AccountId;

/** What a person sees of their own account. Personal data: {@link #toString()} redacts it. */
public record Profile(AccountId id, String name, String email, PostalAddress address, boolean secondFactor,
		Set<String> roles, Instant createdAt) {

	public boolean administrator() {
		return roles.contains("ADMIN");
	}

	@Override
	public String toString() {
		return "Profile[id=" + id + ", redacted]";
	}
}
