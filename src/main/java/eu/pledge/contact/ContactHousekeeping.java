package eu.pledge.contact;

import java.time.Instant;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.RetentionRule;

/**
 * Retention rule {@code contact-used-challenges}: deletes answered challenges once they would have expired anyway
 * (a replay of one is refused as expired then). Run, leased and recorded by the privacy sweeper like every rule;
 * idempotent. The address counts of the contact form are the rate limiter's, deleted by the rule
 * {@code ip-records} of the protection module.
 */
@Component
class ContactHousekeeping implements RetentionRule {

	private final UsedChallenges challenges;

	ContactHousekeeping(UsedChallenges challenges) {
		this.challenges = challenges;
	}

	@Override
	public String name() {
		return "contact-used-challenges";
	}

	@Override
	public String category() {
		return ContactRecords.CATEGORY;
	}

	@Override
	public long sweep(Instant now) {
		return challenges.deleteExpired(now);
	}
}
