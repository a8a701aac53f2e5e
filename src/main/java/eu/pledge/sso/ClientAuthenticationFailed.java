package eu.pledge.sso;

import java.time.Instant;

/**
 * A client failed to authenticate at the token, introspection or revocation endpoint (a wrong or revoked secret,
 * an unknown client). Carries no secret and no client id as typed (it may be a guess); only the system, when the
 * client id named a registered client. Published on the request's thread for Secure Patrol; not audited (a system
 * with an old secret would fill the trail).
 */
public record ClientAuthenticationFailed(String system, Instant occurredAt) {
}
