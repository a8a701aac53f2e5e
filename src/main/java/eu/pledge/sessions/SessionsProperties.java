package eu.pledge.sessions;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;

/**
 * Session lifetimes.
 *
 * @param idleTimeout a session unused this long ends
 * @param absoluteTimeout a session ends this long after sign-in, however active
 * @param secondFactorWindow how long the password step stays valid while the second factor is asked for
 * @param recheckAfter how long a node reuses a session it read ({@code RecentSessions}): a session ended on another
 *        node stops working here within this time; at most 1 s, {@code 0s} reads it on every request
 */
@Validated
@ConfigurationProperties("pledge.sessions")
public record SessionsProperties(@PositiveDuration @DefaultValue("30m") Duration idleTimeout,
		@PositiveDuration @DefaultValue("12h") Duration absoluteTimeout,
		@PositiveDuration @DefaultValue("5m") Duration secondFactorWindow,
		@NotNull @DurationMin(seconds = 0, message = "must not be negative") @DurationMax(seconds = 1, message = "must be at most 1 second") @DefaultValue("1s") Duration recheckAfter) {

	// Holds while a setting is missing, which the constraints above report.
	@AssertTrue(message = "pledge.sessions.absolute-timeout must be at least pledge.sessions.idle-timeout")
	boolean isAbsoluteTimeoutAtLeastIdleTimeout() {
		return idleTimeout == null || absoluteTimeout == null || absoluteTimeout.compareTo(idleTimeout) >= 0;
	}
}
