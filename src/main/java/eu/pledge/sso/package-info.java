/**
 * Single sign-on: Pledge as the OpenID Provider of the vendor's systems, built on Spring Security's authorization
 * server and configured, not re-implemented. Each system of the access catalogue has OAuth clients; a person
 * signs in to a system through Pledge's own sign-in page and gets tokens only while a contract gives them access to
 * it; the tokens carry a pairwise subject and the {@code access} claim from the same decision {@code Access}
 * makes for everything else.
 * <p>
 * Personal data held: authorizations (account id, the system's client, scopes, digests of the tokens and their
 * pseudonymous claims: no name or email) in {@code oauth2_authorization}; digests of spent refresh tokens. Retention:
 * an authorization ends when its last token expires, on sign-out from the system, when the session it came from
 * ends, and at once with the account's erasure.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Single sign-on", allowedDependencies = { "shared",
		"accounts", "access", "sessions", "web", "privacy :: spi" })
package eu.pledge.sso;
