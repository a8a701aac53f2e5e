package eu.pledge.patrol;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.protection.Switches;
import eu.pledge.shared.PositiveDuration;

/**
 * Secure Patrol's rules and responses, checked at start-up. The default rules are in {@code application.yml}
 * (a setting such as {@code pledge.patrol.rules.scanning.threshold=50} changes one of them; a new name adds a rule).
 *
 * @param rules the rules by name
 * @param honeytraps paths no legitimate client asks for: an exact path, or a prefix when it ends in {@code /}
 * @param banDuration the first ban a rule imposes on an address; each further one while its record lives doubles
 * @param banMax the longest ban (at most 48 h: a ban holds an address)
 * @param queue detections waiting to be judged; beyond it they are dropped and counted, so a flood cannot
 *        exhaust memory
 * @param eventsPerMinute events one system key may report per minute (all nodes together); beyond it a batch is
 *        refused with 429 and {@code Retry-After}
 * @param challengeDuration how long a {@code challenge} response asks sign-ins from unknown addresses a question
 * @param switchOffDuration how long a {@code switch-off} response keeps a rule's features off
 * @param alerts who gets the {@code alert} response's mails, and how many
 * @param stepUpDuration how long the {@code require-second-factor} response lasts (at most 48 h: it names an account)
 * @param recheckAfter how long a node reuses a bouncer key it checked for the live decisions endpoint (a revocation
 *        on the node ends it at once, one on another node within this time; the stream always checks its key)
 */
@Validated
@ConfigurationProperties("pledge.patrol")
public record PatrolProperties(@Valid @DefaultValue Map<String, Rule> rules, @DefaultValue List<String> honeytraps,
		@PositiveDuration @DefaultValue("15m") Duration banDuration,
		@PositiveDuration @DurationMax(hours = 48, message = "must be at most 48h (a ban holds an IP address)")
		@DefaultValue("24h") Duration banMax,
		@Min(100) @DefaultValue("10000") int queue, @Min(1) @DefaultValue("6000") int eventsPerMinute,
		@PositiveDuration @DurationMax(hours = 48, message = "must be at most 48h (a decision lives no longer)")
		@DefaultValue("30m") Duration challengeDuration,
		@PositiveDuration @DurationMax(hours = 48, message = "must be at most 48h (a decision lives no longer)")
		@DefaultValue("1h") Duration switchOffDuration, @Valid @DefaultValue Alerts alerts,
		@PositiveDuration @DurationMax(hours = 48, message = "must be at most 48h (a step-up names an account)")
		@DefaultValue("24h") Duration stepUpDuration,
		@DurationMin(seconds = 0, message = "must not be negative")
		@DurationMax(seconds = 1, message = "must be at most 1 second") @DefaultValue("1s") Duration recheckAfter) {

	/** What a rule counts by. */
	public enum Key {
		/** The client address (IPv4, or the IPv6 prefix of {@code pledge.protection.ipv6-prefix}). */
		ADDRESS,
		/** The account concerned. */
		ACCOUNT,
		/** The session it happened in (a pseudonym). */
		SESSION,
		/** The system that saw it: {@code pledge} or a vendor's system reporting events. */
		SYSTEM,
		/** Everything at once: a site-wide rate. */
		SITE
	}

	/** What a rule may count the distinct values of, instead of the detections. */
	public enum Distinct {
		ACCOUNT, ADDRESS, SESSION
	}

	/** What a rule does when its threshold is reached: the n-th time, the n-th response (the last one repeats). */
	public enum Response {
		/** Only the detection and its audit event. */
		RECORD,
		/** Ban the address (rules keyed by address), for longer each time. */
		BAN,
		/**
		 * For {@code challenge-duration}, every sign-in from an address the account has not recently signed in from
		 * answers an arithmetic question (rules keyed by site).
		 */
		CHALLENGE,
		/** Switch the rule's {@code switch-off} features off for {@code switch-off-duration} (rules keyed by site). */
		SWITCH_OFF,
		/** Mail the security recipients, at most {@code alerts.max} per window; the rest as one digest. */
		ALERT,
		/** End the account's sessions (rules keyed by account), or the one session (keyed by session). */
		END_SESSIONS,
		/** Ask every sign-in of the account for a second factor during {@code step-up-duration}. */
		REQUIRE_SECOND_FACTOR
	}

	/**
	 * @param recipients the security recipients; empty: every platform administrator (their verified addresses)
	 * @param max alert mails per window at most; the rest leave as one digest when the window ends
	 * @param window the throttle's window
	 */
	public record Alerts(@DefaultValue List<@jakarta.validation.constraints.Email @NotEmpty String> recipients,
			@Min(1) @DefaultValue("5") int max, @PositiveDuration @DefaultValue("15m") Duration window) {
	}

	/**
	 * @param points the detection points it counts
	 * @param key what it counts by
	 * @param threshold detections within {@code window} that make an attack
	 * @param window how far back detections count
	 * @param responses what the first, second, … attack gets
	 * @param switchOff the features a {@code switch-off} response turns off (optional)
	 * @param distinct when set, the rule counts the distinct accounts, addresses or sessions among the key's
	 *        detections instead of the detections (detections without one do not count): one address failing on
	 *        many accounts (spraying), one account failed on from many addresses (stuffing)
	 */
	public record Rule(@NotEmpty List<Point> points, @NotNull Key key, @Min(1) int threshold,
			@PositiveDuration @DurationMax(hours = 48, message = "must be at most 48h (detections live no longer)")
			Duration window, @NotEmpty List<Response> responses, List<Switches.Feature> switchOff, Distinct distinct) {

		@AssertTrue(message = "distinct must count something other than the key (account, address or session)")
		boolean isDistinctOtherThanTheKey() {
			return distinct == null || key == null || !distinct.name().equals(key.name());
		}

		@AssertTrue(message = "a rule that bans must count by address")
		boolean isBanKeyedByAddress() {
			return responses == null || !responses.contains(Response.BAN) || key == Key.ADDRESS;
		}

		@AssertTrue(message = "a rule that switches off must name the features in switch-off")
		boolean isSwitchOffNamed() {
			return responses == null || !responses.contains(Response.SWITCH_OFF) || switchOff != null && !switchOff.isEmpty();
		}

		@AssertTrue(message = "a rule that challenges sign-ins or switches features off must count by site")
		boolean isSiteWideResponseKeyedBySite() {
			return responses == null || key == Key.SITE
					|| !(responses.contains(Response.CHALLENGE) || responses.contains(Response.SWITCH_OFF));
		}
	}

	@AssertTrue(message = "pledge.patrol.ban-duration must be at most pledge.patrol.ban-max")
	boolean isBanDurationWithinMax() {
		return banDuration == null || banMax == null || banDuration.compareTo(banMax) <= 0;
	}

	@AssertTrue(message = "every pledge.patrol.honeytraps entry is a path starting with /")
	boolean isEveryHoneytrapAPath() {
		return honeytraps == null || honeytraps.stream().allMatch(path -> path != null && path.startsWith("/"));
	}

	/** The n-th ban (counting from 1) of an address under one rule. */
	Duration ban(int n) {
		Duration ban = banDuration;
		for (int i = 1; i < n && ban.compareTo(banMax) < 0; i++) {
			ban = ban.multipliedBy(2);
		}
		return ban.compareTo(banMax) > 0 ? banMax : ban;
	}
}
