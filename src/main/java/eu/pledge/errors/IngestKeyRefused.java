package eu.pledge.errors;

import java.time.Instant;

/**
 * The Sentry ingest refused a request for its DSN key: none sent, one it does not know (or revoked), or one of
 * another project. Carries no key, not even part of one: a wrong key may be a real key of some other system.
 * Published on the request's thread; not audited (an SDK with an old DSN sends one per error).
 */
public record IngestKeyRefused(Reason reason, Instant occurredAt) {

	public enum Reason {
		MISSING, UNKNOWN, OTHER_PROJECT
	}
}
