package eu.pledge.privacy.rights;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * An account was erased at its owner's request. Carries no personal data and no way back to the person: the
 * {@code erasure} id is random, made for this record alone, and is also the actor the audit trail shows (the
 * account id is gone by the time the entry is written).
 *
 * @param erasure a random id naming this erasure
 * @param holders how many modules erased their part
 */
public record AccountErased(UUID erasure, int holders, Instant at) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		AccountId pseudonym = new AccountId(erasure);
		return AuditEntry.onAccount("account.erased", pseudonym).by(pseudonym).with("holders",
				Integer.toString(holders));
	}
}
