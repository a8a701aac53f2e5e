package eu.pledge.access;

import java.time.Instant;
import java.util.UUID;

/**
 * What a person may use now: a system, the highest level any active contract of their organisations grants,
 * and the contract (and organisation) it comes from.
 */
public record SystemAccess(String system, String level, UUID contractId, UUID organizationId,
		String organizationName, Instant contractEndsAt) {
}
