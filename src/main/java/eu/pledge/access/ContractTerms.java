package eu.pledge.access;

import java.time.Instant;
import java.util.Map;

/**
 * What a platform administrator sets on a contract. For a change, a null field stays as it is.
 *
 * @param systems per system of the catalogue, the level the contract grants (the whole map is replaced)
 */
public record ContractTerms(Contract.Status status, Instant startsAt, Instant endsAt, Integer seats,
		Map<String, String> systems) {
}
