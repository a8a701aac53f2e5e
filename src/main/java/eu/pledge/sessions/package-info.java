/**
 * Sessions: signing in and out (browser form and JSON API), the server-side session and its timeouts, the
 * list of a person's sessions and ending them.
 * <p>
 * Personal data held: session records (account id, device summary derived from the user agent, created,
 * last seen), in Spring Session's tables. Retention: a session ends on sign-out, after 30 minutes idle or
 * 12 hours in all; expired rows are deleted every minute.
 * <p>
 * Also held: sign-in step-ups Secure Patrol asks for (account id, until when; at most 48 hours) and the one-time
 * sign-in codes mailed during one (account id, the code's hash; 10 minutes), deleted when they end by the rule
 * {@code sign-in-step-ups} and at once by erasure.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Sessions", allowedDependencies = { "shared", "accounts", "protection", "privacy", "privacy :: spi" })
package eu.pledge.sessions;
