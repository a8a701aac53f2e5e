package eu.pledge.shared;

/**
 * A fact that belongs in the audit trail. Any module's event that implements this is recorded by the audit
 * module, which thereby depends on nobody's event types; the entry must never carry a name, email, postal
 * address, IP address, password, token or key in clear.
 */
public interface Auditable {

	AuditEntry auditEntry();
}
