package eu.pledge.protection;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Positive;

import org.hibernate.validator.constraints.time.DurationMax;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;

/**
 * Brute-force protection limits. A value that makes no sense stops the start; none is clamped, because a
 * silently shortened block or a silently longer retention would make the privacy notice lie.
 *
 * @param addressLimit failures from one address, across all accounts, that block it
 * @param addressWindow the window in which {@code addressLimit} failures count
 * @param blockDuration the first block of an address; each further block while its record lives doubles
 * @param blockMax the longest block
 * @param accountLimit failures on one account, from any addresses, before each further one imposes a wait
 * @param accountWindow the window in which {@code accountLimit} failures count
 * @param pairLimit failures from one address on one account before each further one imposes a wait; also
 *        applies to addresses the owner signed in from
 * @param pairWindow the window in which {@code pairLimit} failures count
 * @param throttleWait the wait after reaching a limit; it doubles with every further failure
 * @param throttleWaitMax the longest wait
 * @param recordLifetime how long a record holding an address lives after its last update (at most 48 h)
 * @param blockRefresh how stale this node's view of other nodes' blocks may be
 * @param ipv6PrefixLength IPv6 addresses are counted, blocked and stored by this network prefix, since one
 *        subscriber usually holds a whole /64 and could otherwise rotate through it; 128 counts single addresses
 */
@Validated
@ConfigurationProperties("pledge.protection")
public record ProtectionProperties(@Positive @DefaultValue("20") int addressLimit,
		@PositiveDuration @DefaultValue("10m") Duration addressWindow,
		@PositiveDuration @DefaultValue("1h") Duration blockDuration,
		@PositiveDuration @DefaultValue("24h") Duration blockMax,
		@Positive @DefaultValue("10") int accountLimit,
		@PositiveDuration @DefaultValue("15m") Duration accountWindow,
		@Positive @DefaultValue("5") int pairLimit,
		@PositiveDuration @DefaultValue("15m") Duration pairWindow,
		@PositiveDuration @DefaultValue("1s") Duration throttleWait,
		@PositiveDuration @DefaultValue("15m") Duration throttleWaitMax,
		// 48 is MAX_RECORD_LIFETIME: an annotation takes only a literal.
		@PositiveDuration @DurationMax(hours = 48, message = "must not exceed the policy's 48 hours")
		@DefaultValue("24h") Duration recordLifetime,
		@PositiveDuration @DefaultValue("500ms") Duration blockRefresh,
		@Min(32) @Max(128) @DefaultValue("64") int ipv6PrefixLength) {

	/** The policy's ceiling for keeping an address; configuration cannot exceed it. */
	public static final Duration MAX_RECORD_LIFETIME = Duration.ofHours(48);

	/** The exponent stops growing here; the cap on the duration is reached long before. */
	private static final int MAX_DOUBLINGS = 30;

	@AssertTrue(message = "pledge.protection.block-duration must not exceed pledge.protection.block-max")
	boolean isBlockDurationWithinBlockMax() {
		return atMost(blockDuration, blockMax);
	}

	// A block must end before its record may be purged, or purging would lift it early.
	@AssertTrue(message = "pledge.protection.block-max must not exceed pledge.protection.record-lifetime")
	boolean isBlockMaxWithinRecordLifetime() {
		return atMost(blockMax, recordLifetime);
	}

	// A counter read after its record expired starts again, so a longer window would be a lie.
	@AssertTrue(message = "pledge.protection.address-window, account-window and pair-window must not exceed"
			+ " pledge.protection.record-lifetime")
	boolean isEveryWindowWithinRecordLifetime() {
		return atMost(addressWindow, recordLifetime) && atMost(accountWindow, recordLifetime)
				&& atMost(pairWindow, recordLifetime);
	}

	@AssertTrue(message = "pledge.protection.throttle-wait must not exceed pledge.protection.throttle-wait-max")
	boolean isThrottleWaitWithinThrottleWaitMax() {
		return atMost(throttleWait, throttleWaitMax);
	}

	// A wait is forgotten with its window, so a longer maximum would be cut short without anyone noticing.
	@AssertTrue(message = "pledge.protection.throttle-wait-max must not exceed pledge.protection.account-window"
			+ " nor pledge.protection.pair-window")
	boolean isThrottleWaitMaxWithinTheWindows() {
		return atMost(throttleWaitMax, accountWindow) && atMost(throttleWaitMax, pairWindow);
	}

	/** True while either is missing: {@code @PositiveDuration} reports that. */
	private static boolean atMost(Duration value, Duration limit) {
		return value == null || limit == null || value.compareTo(limit) <= 0;
	}

	/** How long the {@code blocks}-th block (counting from 1) of an address lasts. */
	Duration blockFor(int blocks) {
		return doubled(blockDuration, blocks - 1, blockMax);
	}

	/** The wait before the next attempt once {@code failures} failures counted against {@code limit}. */
	Duration waitAfter(int failures, int limit) {
		return failures < limit ? Duration.ZERO : doubled(throttleWait, failures - limit, throttleWaitMax);
	}

	private static Duration doubled(Duration first, int doublings, Duration max) {
		Duration grown = first.multipliedBy(1L << Math.min(Math.max(doublings, 0), MAX_DOUBLINGS));
		return grown.compareTo(max) > 0 ? max : grown;
	}
}
