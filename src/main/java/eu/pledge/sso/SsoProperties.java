package eu.pledge.sso;

import java.time.Duration;
import java.util.Map;
import java.util.Set;

import jakarta.validation.constraints.NotNull;

import org.hibernate.validator.constraints.time.DurationMax;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;
import eu.pledge.shared.RecentChecks;

/**
 * Single sign-on settings, checked at start-up (a refresh token may not outlive the Pledge session it comes from:
 * {@link SsoConfiguration} compares it with {@code pledge.sessions.absolute-timeout}).
 *
 * @param accessTokenLifetime how long an access token (and an ID token) is accepted
 * @param authorizationCodeLifetime how long an authorization code can be exchanged
 * @param refreshTokenLifetime how long a refresh token works at most; every refresh gives a new one, never beyond
 *        the first one's end
 * @param keyRotation how often a new signing key replaces the current one; the previous key stays published until
 *        every token it signed has expired
 * @param keyAlgorithm {@code ES256} (default) or {@code RS256}
 * @param receives per system, which of the person's data it may receive ({@code name}, {@code email},
 *        {@code address}) when its client asks with the matching scope; a system not named receives name and email.
 *        The declared purpose of each system, shown in the privacy notice.
 * @param recheckAfter how long a node reuses what it checked for a token, a person's access to a system and the
 *        name and email userinfo gives ({@link RecentChecks}): at most 1 s, {@code 0s} checks on every request
 */
@Validated
@ConfigurationProperties("pledge.sso")
public record SsoProperties(
		@PositiveDuration @DurationMax(hours = 1, message = "must be at most 1 hour") @DefaultValue("5m") Duration accessTokenLifetime,
		@PositiveDuration @DurationMax(minutes = 10, message = "must be at most 10 minutes") @DefaultValue("1m") Duration authorizationCodeLifetime,
		@PositiveDuration @DefaultValue("12h") Duration refreshTokenLifetime,
		@PositiveDuration @DefaultValue("30d") Duration keyRotation,
		@NotNull @DefaultValue("ES256") KeyAlgorithm keyAlgorithm,
		@DefaultValue Map<String, Set<Data>> receives,
		@DurationMin(seconds = 0, message = "must not be negative") @DurationMax(seconds = 1, message = "must be at most 1 second") @DefaultValue("1s") Duration recheckAfter) {

	static final Set<Data> DEFAULT_RECEIVES = Set.of(Data.NAME, Data.EMAIL);

	/** What a system receives: its own declaration, or name and email. */
	Set<Data> receivedBy(String system) {
		return receives.getOrDefault(system, DEFAULT_RECEIVES);
	}

	/** The person's data a system may receive, each with its scope. */
	public enum Data {
		NAME, EMAIL, ADDRESS
	}

	/** The signature algorithms a signing key may use. */
	public enum KeyAlgorithm {
		ES256, RS256
	}
}
