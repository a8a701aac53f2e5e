/**
 * Access: organisations (the vendor's customers), their contracts with the vendor's systems, members and
 * invitations, and the one authorization decision point ({@link eu.pledge.access.Access}) that answers what
 * a signed-in account may do. Deny by default; a person's level in a system comes only from the active
 * contracts of the organisations they belong to.
 * <p>
 * Personal data held: memberships (account id ↔ organisation, role, joining time) and, for pending
 * invitations, the keyed blind index of the invited email (never the email itself); for an account that is no
 * longer a customer, why, since when and the date its data is destroyed. This module owns the customer rule for
 * every account ({@link eu.pledge.access.CustomerRule}, {@link eu.pledge.access.NonCustomers}): an account's data
 * lives while it is a customer and {@code pledge.privacy.customer-grace-period} longer. An invitation lives until
 * accepted or until it expires ({@code pledge.access.invitation-validity}, 7 days by default).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Access", allowedDependencies = { "shared", "accounts", "sessions", "privacy", "privacy :: spi",
		"protection" })
package eu.pledge.access;
