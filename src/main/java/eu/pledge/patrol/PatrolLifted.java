package eu.pledge.patrol;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** An administrator lifted a decision (a ban) before its end. */
public record PatrolLifted(AccountId by, long decisionId) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "patrol.lifted", "decision", Long.toString(decisionId), AuditEntry.Outcome.SUCCESS,
				null);
	}
}
