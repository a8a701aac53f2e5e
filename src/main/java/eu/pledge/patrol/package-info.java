/**
 * Secure Patrol: watches what happens in Pledge (sign-in failures, access denials, requests for what does not
 * exist or must not be asked for) as it happens, counts it per address, account or the whole site under rules,
 * and answers a rule's threshold with responses that escalate and expire (a ban is a
 * {@link eu.pledge.protection.Decisions decision} the web edge and CrowdSec bouncers enforce). See docs/PATROL.md.
 * <p>
 * Personal data held: detections with the IP address (IPv4, or the IPv6 network prefix) and the account they
 * concern, in {@code patrol_detections}; per rule and address or account, how often the rule answered, in
 * {@code patrol_offenders}. Retention: every row ends {@code pledge.protection.record-lifetime} (≤ 48 h, enforced
 * by the database) after it was written, and the retention rule {@code patrol-records} deletes it. In memory
 * only: per session pseudonym, its previous request's address key and a hash of its user agent, for 10 minutes at
 * most ({@code SessionSensor}).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Secure Patrol", allowedDependencies = { "shared",
		"protection", "sessions", "access", "serverlogs", "privacy :: spi", "accounts", "audit", "errors", "sso" })
package eu.pledge.patrol;
