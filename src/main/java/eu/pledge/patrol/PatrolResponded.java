package eu.pledge.patrol;

import java.util.HashMap;
import java.util.Map;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A rule's threshold was reached and Secure Patrol answered: the {@code nth} answer of {@code rule} to its key,
 * triggered by detection {@code detectionId}; {@code decisionId} names the ban when the answer was one.
 */
public record PatrolResponded(long detectionId, String rule, PatrolProperties.Response response, int nth,
		Long decisionId, AccountId account) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		Map<String, String> detail = new HashMap<>(Map.of("rule", rule, "response",
				response.name().toLowerCase(java.util.Locale.ROOT), "nth", Integer.toString(nth)));
		if (decisionId != null) {
			detail.put("decision", decisionId.toString());
		}
		if (account != null) {
			detail.put("account", account.toString());
		}
		return new AuditEntry(null, "patrol.responded", "detection", Long.toString(detectionId),
				AuditEntry.Outcome.SUCCESS, detail);
	}
}
