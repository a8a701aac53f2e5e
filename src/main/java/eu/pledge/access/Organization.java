package eu.pledge.access;

import java.time.Instant;
import java.util.UUID;

/** A customer of the vendor. The name is a company name, not personal data. */
public record Organization(UUID id, String name, Status status, Instant createdAt) {

	public enum Status {
		/** A customer: its active contracts grant access. */
		ACTIVE,
		/** No longer a customer: none of its contracts grant anything. */
		CLOSED
	}
}
