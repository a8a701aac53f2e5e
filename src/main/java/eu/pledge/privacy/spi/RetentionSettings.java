package eu.pledge.privacy.spi;

import java.time.Duration;

/**
 * The retention settings the privacy module owns ({@code pledge.privacy.*}) that other modules' retention rules and
 * compliance checks apply, so the periods the privacy notice states are the ones enforced and checked. A Spring
 * bean: inject it, never the privacy module's configuration itself.
 */
public interface RetentionSettings {

	/**
	 * How often the sweeper runs every rule: the slack a compliance check allows, since what became due within the
	 * last interval may still be waiting for its run.
	 */
	Duration sweepInterval();

	/** How many items a retention rule deletes per committed batch. */
	int sweepBatch();

	/**
	 * How long after an account stopped being a customer (or, never having become one, after it registered) its data
	 * is destroyed.
	 */
	Duration customerGracePeriod();

	/** How long a registration whose email address was never confirmed is kept. */
	Duration unverifiedRegistrationLifetime();
}
