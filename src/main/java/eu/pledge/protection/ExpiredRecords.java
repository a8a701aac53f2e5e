package eu.pledge.protection;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.RetentionRule;

/**
 * Deletes every protection record past its expiry: the retention rule for the addresses this module holds, run by
 * the privacy module's sweeper (which records each run). Reads already ignore expired rows, so a late run never
 * lets an old record count. Each DELETE commits on its own; a repeated run deletes nothing more.
 */
@Component
class ExpiredRecords implements RetentionRule {

	private final AddressRecords addresses;
	private final Throttles throttles;
	private final KnownAddresses known;
	private final RateLimits rateLimits;
	private final DecisionRecords decisions;
	private final Questions questions;
	private final Clock clock;

	ExpiredRecords(AddressRecords addresses, Throttles throttles, KnownAddresses known, RateLimits rateLimits,
			DecisionRecords decisions, Questions questions, Clock clock) {
		this.decisions = decisions;
		this.questions = questions;
		this.rateLimits = rateLimits;
		this.addresses = addresses;
		this.throttles = throttles;
		this.known = known;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "ip-records";
	}

	@Override
	public String category() {
		return "ip-addresses";
	}

	@Override
	public long sweep(Instant now) {
		Instant at = now.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		return (long) addresses.deleteExpired(at) + throttles.deleteExpired(at) + known.deleteExpired(at)
				+ rateLimits.deleteExpired(at)
				+ decisions.deleteExpired(at) + questions.deleteExpired(at);
	}

	/** Returns how many records were deleted now (tests; the sweeper calls {@link #sweep(Instant)}). */
	int purge() {
		return (int) sweep(clock.instant());
	}
}
