package eu.pledge.privacy.breaches;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * One person was mailed the notice of a breach (Art. 34). The account is the target, so the person finds the
 * event among their own; the address is not recorded.
 */
public record PersonNotified(UUID breachId, AccountId account, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("privacy-breach.person-notified", account).by(by).with("breach", breachId.toString());
	}
}
