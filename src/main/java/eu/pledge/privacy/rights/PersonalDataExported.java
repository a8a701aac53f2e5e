package eu.pledge.privacy.rights;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/** The person downloaded the export of their data (portability). */
public record PersonalDataExported(AccountId accountId, int items, Instant at) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("privacy.exported", accountId).with("items", Integer.toString(items));
	}
}
