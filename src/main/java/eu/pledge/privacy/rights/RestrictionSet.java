package eu.pledge.privacy.rights;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** The person restricted the processing of their data (until a date, or until they lift it). */
public record RestrictionSet(AccountId accountId, Instant until, Instant at) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		AuditEntry entry = AuditEntry.onAccount("privacy.restriction.set", accountId);
		return until == null ? entry.with("until", "permanent") : entry.with("until", until.toString());
	}
}
