/**
 * Brute-force protection: the temporary store of client addresses, login throttles by address, by account
 * and by the pair, and address blocks. It answers "may this attempt proceed?" synchronously and depends on
 * nothing but the shared kernel.
 * <p>
 * Personal data held: IP addresses, each record with an expiry (default 24 h, at most 48 h), and keyed
 * account indexes (never emails). Retention: a scheduled purge deletes every record past its expiry.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Brute-force protection", allowedDependencies = "shared")
package eu.pledge.protection;
