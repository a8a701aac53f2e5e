package eu.pledge.errors;

import java.util.Map;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * An issue of the error tracker changed: resolved, ignored, assigned, commented, merged, or (actor null) it
 * regressed on its own. Ids and codes only.
 *
 * @param action e.g. {@code resolved}, {@code ignored}, {@code assigned}, {@code commented}, {@code merged}
 * @param detail further ids or codes, e.g. the assignee's account id or the target issue id
 */
public record IssueChanged(long issueId, AccountId actor, String action, Map<String, String> detail)
		implements Auditable {

	public IssueChanged {
		detail = detail == null ? Map.of() : Map.copyOf(detail);
	}

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(actor, "error-issue." + action, "error-issue", Long.toString(issueId),
				AuditEntry.Outcome.SUCCESS, detail);
	}
}
