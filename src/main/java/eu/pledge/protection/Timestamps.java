package eu.pledge.protection;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/** Time as the database stores it, so an instant computed in Java equals the one read back. */
final class Timestamps {

	private Timestamps() {
	}

	/** Now, to the microsecond: both H2 and PostgreSQL drop finer digits. */
	static Instant now(Clock clock) {
		return clock.instant().truncatedTo(ChronoUnit.MICROS);
	}

	static OffsetDateTime at(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
