package eu.pledge.errors.tracker;

import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;

/**
 * The error tracker's settings. Nothing is clamped: a bad value stops the start.
 *
 * @param environment the environment Pledge's own events are recorded in
 * @param release the release of Pledge's own events; empty: the build's version (build-info) if known
 * @param retention how long error events (and the accounts and requests an issue affected) are kept
 * @param eventsPerIssue how many recent events each issue keeps
 * @param queueCapacity how many ERROR log events wait for capture; more are dropped (logging never blocks)
 * @param capture whether Pledge's own ERROR log events are captured
 * @param alertRecipients who is mailed about new, regressed and spiking issues that have no assignee; empty:
 *        every platform administrator
 * @param alerts the alert thresholds and throttles
 * @param scrub extra scrubbing rules on top of the built-in ones
 */
@Validated
@ConfigurationProperties("pledge.errors")
public record ErrorsProperties(@DefaultValue("production") String environment, @DefaultValue("") String release,
		@PositiveDuration @DefaultValue("60d") Duration retention,
		@Min(1) @Max(10_000) @DefaultValue("100") int eventsPerIssue,
		@Min(1) @Max(1_000_000) @DefaultValue("10000") int queueCapacity, @DefaultValue("true") boolean capture,
		@DefaultValue List<String> alertRecipients, @Valid @DefaultValue Alerts alerts, @Valid @DefaultValue Scrub scrub) {

	public ErrorsProperties {
		if (environment == null || environment.isBlank()) {
			throw new IllegalArgumentException("pledge.errors.environment must not be empty");
		}
		alertRecipients = alertRecipients == null ? List.of()
				: alertRecipients.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
		for (String recipient : alertRecipients) {
			if (!recipient.matches("[^@\\s]+@[^@\\s]+")) {
				throw new IllegalArgumentException("pledge.errors.alert-recipients contains an entry that is not an email address");
			}
		}
	}

	/**
	 * @param spikeEvents an issue "spikes" when it gets this many events within {@code spikeWindow}
	 * @param spikeWindow see {@code spikeEvents}
	 * @param cooldown at most one alert per issue within this time
	 * @param maxPerWindow at most this many alert mails per {@code window} in all; the rest go into one digest
	 * @param window see {@code maxPerWindow}
	 */
	record Alerts(@Min(2) @DefaultValue("100") int spikeEvents,
			@PositiveDuration @DefaultValue("5m") Duration spikeWindow,
			@PositiveDuration @DefaultValue("1h") Duration cooldown,
			@Min(1) @Max(10_000) @DefaultValue("5") int maxPerWindow,
			@PositiveDuration @DefaultValue("15m") Duration window) {
	}

	/**
	 * @param patterns further regular expressions whose matches are replaced by {@code [Filtered]}
	 * @param keys further key names (case-insensitive, matched as part of the key) whose values are removed
	 */
	public record Scrub(@DefaultValue List<String> patterns, @DefaultValue List<String> keys) {

		public Scrub {
			patterns = patterns == null ? List.of() : List.copyOf(patterns);
			keys = keys == null ? List.of() : keys.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
			for (String pattern : patterns) {
				try {
					Pattern.compile(pattern);
				}
				catch (PatternSyntaxException ex) {
					throw new IllegalArgumentException("pledge.errors.scrub.patterns contains an invalid regular expression: "
							+ ex.getDescription());
				}
			}
		}
	}
}
