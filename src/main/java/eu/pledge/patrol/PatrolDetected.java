package eu.pledge.patrol;

import java.util.HashMap;
import java.util.Map;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * Secure Patrol recorded a detection. The audit trail names it by the detection record's id (pseudonymous: the
 * address stays in the record, which expires), never by the address.
 */
public record PatrolDetected(long detectionId, Point point, AccountId account, String system) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		Map<String, String> detail = new HashMap<>(Map.of("point", point.id(), "appSensor", point.appSensor(),
				"system", system));
		if (account != null) {
			detail.put("account", account.toString());
		}
		return new AuditEntry(null, "patrol.detected", "detection", Long.toString(detectionId),
				AuditEntry.Outcome.SUCCESS, detail);
	}
}
