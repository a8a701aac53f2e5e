/**
 * The audit trail: an append-only record of every published fact that implements
 * {@link eu.pledge.shared.Auditable}, chained per period into signed digests that prove nothing was changed,
 * searchable by administrators and, for their own events, by each person. It depends on nobody's event
 * types, only on the shared {@code Auditable} contract. Nobody calls it to write; the privacy module asks it one
 * question through {@code privacy.spi.SignIns} (who signed in during a window, for breach notices).
 * <p>
 * Atomicity: each entry is written by a {@code BEFORE_COMMIT} listener in the publisher's own transaction and
 * thread, so the action and its audit row commit together or not at all. That is stronger than the JDBC event
 * publication registry DESIGN.md suggests for listeners: the registry would commit the action first and write
 * the row afterwards (and retry after a crash), while here there is no moment at which one exists without the
 * other. Facts published outside a transaction (a failed sign-in changes nothing) are written at once.
 * <p>
 * Personal data held: account ids as actor and target, per-request ids, actions, outcomes and detail codes, in
 * {@code audit_events}; never a name, email, postal address, IP address, token or password. Retention:
 * {@code pledge.audit.retention} (60 days by default; the privacy notice reads the same value) after the end
 * of their period, deleted as whole periods (a dropped partition on PostgreSQL).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Audit trail", allowedDependencies = { "shared", "privacy :: spi", "accounts" })
package eu.pledge.audit;
