package eu.pledge.shared;

import java.util.Map;
import java.util.Objects;

/**
 * What the audit trail records of one fact.
 *
 * @param actor who did it; null means "whoever is signed in on the current request, else the system"
 * @param action a stable dotted name, e.g. {@code login.failed}, {@code contract.updated}
 * @param targetType what it was done to, e.g. {@code account}, {@code organization}
 * @param targetId the id of the target (never a name or email), or null
 * @param outcome whether it succeeded, failed or was denied
 * @param detail a few more ids or codes (e.g. a reason); no personal data. An account the fact concerns besides
 *        its actor and target goes under the key {@code account}: that is how the person finds the event among
 *        their own and how erasure finds the id (an index, not a scan of the trail)
 */
public record AuditEntry(AccountId actor, String action, String targetType, String targetId, Outcome outcome,
		Map<String, String> detail) {

	public AuditEntry {
		Objects.requireNonNull(action, "action");
		Objects.requireNonNull(outcome, "outcome");
		detail = detail == null ? Map.of() : Map.copyOf(detail);
	}

	/** A successful action by the current actor on an account. */
	public static AuditEntry onAccount(String action, AccountId account) {
		return new AuditEntry(null, action, "account", account.toString(), Outcome.SUCCESS, Map.of());
	}

	public AuditEntry by(AccountId who) {
		return new AuditEntry(who, action, targetType, targetId, outcome, detail);
	}

	public AuditEntry with(String key, String value) {
		java.util.HashMap<String, String> more = new java.util.HashMap<>(detail);
		more.put(key, value);
		return new AuditEntry(actor, action, targetType, targetId, outcome, more);
	}

	public enum Outcome {
		SUCCESS, FAILURE, DENIED
	}
}
