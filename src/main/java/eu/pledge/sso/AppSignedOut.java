package eu.pledge.sso;

import java.time.Instant;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * A person signed out of one system from Pledge (their apps page or the API): every authorization of every
 * client of that system ended, with all its tokens. Published once, by the request that deleted them.
 */
public record AppSignedOut(AccountId account, String system, Instant at) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return AuditEntry.onAccount("sso.app-signed-out", account).with("system", system);
	}
}
