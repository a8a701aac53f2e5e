package eu.pledge.access;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A contract of an organisation: per system the access level it grants to every member, the number of seats,
 * and the period {@code [startsAt, endsAt)} in which it counts while its status is {@link Status#ACTIVE}.
 */
public record Contract(UUID id, UUID organizationId, Status status, Instant startsAt, Instant endsAt, int seats,
		Map<String, String> systems) {

	public Contract {
		systems = Map.copyOf(systems);
	}

	/** Whether the contract grants anything at {@code now}. */
	public boolean activeAt(Instant now) {
		return status == Status.ACTIVE && !now.isBefore(startsAt) && now.isBefore(endsAt);
	}

	public enum Status {
		ACTIVE, SUSPENDED, ENDED
	}
}
