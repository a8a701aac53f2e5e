package eu.pledge.contact;

import java.time.Clock;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes answered challenges once they would have expired anyway, and address counters whose window ended:
 * a counter holds a keyed hash of an IP address, kept no longer than its window. Idempotent, so every node may
 * run it; reads ignore expired rows meanwhile.
 */
@Component
class ContactHousekeeping {

	private final SubmissionLimits limits;
	private final Clock clock;

	ContactHousekeeping(SubmissionLimits limits, Clock clock) {
		this.limits = limits;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${pledge.contact.purge-interval:10m}", initialDelayString = "1m")
	int purge() {
		return limits.deleteExpired(clock.instant());
	}
}
