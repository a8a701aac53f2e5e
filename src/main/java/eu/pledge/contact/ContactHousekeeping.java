package eu.pledge.contact;

import java.time.Instant;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.RetentionRule;

/**
 * Retention rule {@code contact-address-counters}: deletes address counters whose window ended (a counter holds
 * a keyed hash of an IP address, kept no longer than its window) and answered challenges once they would have
 * expired anyway. Run, leased and recorded by the privacy sweeper like every rule; idempotent, and reads
 * ignore expired rows meanwhile.
 */
@Component
class ContactHousekeeping implements RetentionRule {

	private final SubmissionLimits limits;

	ContactHousekeeping(SubmissionLimits limits) {
		this.limits = limits;
	}

	@Override
	public String name() {
		return "contact-address-counters";
	}

	@Override
	public String category() {
		return "ip-addresses";
	}

	@Override
	public long sweep(Instant now) {
		return limits.deleteExpired(now);
	}
}
