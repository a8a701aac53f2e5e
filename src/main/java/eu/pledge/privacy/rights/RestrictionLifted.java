package eu.pledge.privacy.rights;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** A restriction of processing ended: the person lifted it, or its date passed. */
public record RestrictionLifted(AccountId accountId, Reason reason, Instant at) implements Auditable {

	public enum Reason {
		LIFTED, EXPIRED
	}

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("privacy.restriction.lifted", accountId).with("reason",
				reason.name().toLowerCase(java.util.Locale.ROOT));
	}
}
