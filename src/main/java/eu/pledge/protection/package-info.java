/**
 * Brute-force protection: the temporary store of client addresses, login throttles by address, by account
 * and by the pair, and address blocks. It answers "may this attempt proceed?" synchronously and depends on
 * nothing but the shared kernel. It keeps the decisions against addresses that Secure Patrol
 * or an administrator make ({@link eu.pledge.protection.Decisions}), enforced at the web edge and by CrowdSec
 * bouncers, and the site-wide ones Secure Patrol makes ({@link eu.pledge.protection.Switches}: sign-ins from new
 * places answer a {@link eu.pledge.protection.Questions question}, a feature is switched off for a while). It also owns the one rate limiter ({@link eu.pledge.protection.RateLimits}):
 * named buckets that other modules declare and take from (the contact form per address, the error ingest per
 * project).
 * <p>
 * Personal data held: IP addresses (IPv4, or the IPv6 network prefix, {@code /64} by default) with failure
 * counts and blocks, the addresses each account recently signed in from, and keyed account indexes (never
 * emails), in {@code protection_addresses}, {@code protection_throttles} and
 * {@code protection_known_addresses}; keyed hashes of addresses (or of a bucket's other keys: a project, a system key, for a minute an account whose address was registered again) with a count, in {@code protection_rate_limits}; decisions against addresses (bans and
 * challenges, {@link eu.pledge.protection.Decisions}) in {@code protection_decisions} and {@code protection_decision_locks}
 * (the site-wide decisions there name a feature, not an address); ids of spent sign-in questions (random, no personal
 * data) in {@code protection_used_questions}, until the question would have expired. Retention: every record expires {@code pledge.protection.record-lifetime}
 * (default 24 h, at most 48 h, also enforced by the database) after its last update; reads ignore expired
 * records, and the retention rule {@code ip-records} (run by the privacy module's sweeper) deletes them.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Brute-force protection", allowedDependencies = { "shared", "privacy :: spi" })
package eu.pledge.protection;
