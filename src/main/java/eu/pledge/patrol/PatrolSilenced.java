package eu.pledge.patrol;

import java.time.Instant;
import java.util.Map;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * An administrator silenced a rule for one key until {@code until} ({@code ended}: ended a silence early). The key
 * is not in the audit trail (it may be an IP address): the silence's id names it while the silence lives.
 */
public record PatrolSilenced(AccountId by, long silenceId, String rule, Instant until, boolean ended)
		implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, ended ? "patrol.silence-ended" : "patrol.silenced", "silence",
				Long.toString(silenceId), AuditEntry.Outcome.SUCCESS,
				ended ? Map.of("rule", rule) : Map.of("rule", rule, "until", until.toString()));
	}
}
