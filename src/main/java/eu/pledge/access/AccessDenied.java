package eu.pledge.access;

import java.time.Instant;
import java.util.Map;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * The decision point refused an account something: who, which permission, on what (an organisation id or
 * {@code system:level}, possibly null), and the rule that refused.
 */
public record AccessDenied(AccountId accountId, Permission permission, String target, String rule,
		Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		String targetType = permission == Permission.USE_SYSTEM ? "system"
				: permission == Permission.VIEW_ORGANIZATION || permission == Permission.MANAGE_MEMBERS
						? "organization" : "route";
		return new AuditEntry(accountId, "access.denied", targetType, target, AuditEntry.Outcome.DENIED,
				Map.of("permission", permission.name(), "rule", rule));
	}
}
