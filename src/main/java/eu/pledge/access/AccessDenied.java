package eu.pledge.access;

import java.time.Instant;
import java.util.Map;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;
import eu.pledge.shared.Permission;

/**
 * The decision point refused an account something: who, which permission, on what (an organisation id or
 * {@code system:level}, possibly null), and the rule that refused.
 */
public record AccessDenied(AccountId accountId, Permission permission, String target, String rule,
		Instant occurredAt) implements Auditable {

	/** What the audit trail keeps of a target (its column's width). */
	static final int TARGET_LENGTH = 100;

	/**
	 * The target comes from the request's path as the caller wrote it, of any length: a longer one can name no
	 * organisation, and its first 100 characters are what the trail records (never half a surrogate pair).
	 */
	public AccessDenied {
		if (target != null && target.length() > TARGET_LENGTH) {
			int end = Character.isHighSurrogate(target.charAt(TARGET_LENGTH - 1)) ? TARGET_LENGTH - 1 : TARGET_LENGTH;
			target = target.substring(0, end);
		}
	}

	@Override
	public AuditEntry auditEntry() {
		String targetType = permission == Permission.USE_SYSTEM ? "system"
				: permission == Permission.VIEW_ORGANIZATION || permission == Permission.MANAGE_MEMBERS
						? "organization" : "route";
		return new AuditEntry(accountId, "access.denied", targetType, target, AuditEntry.Outcome.DENIED,
				Map.of("permission", permission.name(), "rule", rule));
	}
}
