package eu.pledge.privacy;

import java.time.Instant;

/**
 * A restriction of processing in force.
 *
 * @param since when the person asked for it
 * @param until when it ends by itself, or null: until the person lifts it
 */
public record Restriction(Instant since, Instant until) {

	public boolean permanent() {
		return until == null;
	}
}
