package eu.pledge.sessions;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Session lifetimes.
 *
 * @param idleTimeout a session unused this long ends
 * @param absoluteTimeout a session ends this long after sign-in, however active
 * @param secondFactorWindow how long the password step stays valid while the second factor is asked for
 */
@Validated
@ConfigurationProperties("pledge.sessions")
public record SessionsProperties(@NotNull @DefaultValue("30m") Duration idleTimeout,
		@NotNull @DefaultValue("12h") Duration absoluteTimeout, @NotNull @DefaultValue("5m") Duration secondFactorWindow) {

	public SessionsProperties {
		if (idleTimeout.isNegative() || idleTimeout.isZero() || absoluteTimeout.compareTo(idleTimeout) < 0) {
			throw new IllegalArgumentException(
					"pledge.sessions: idle-timeout must be positive and absolute-timeout at least as long");
		}
	}
}
