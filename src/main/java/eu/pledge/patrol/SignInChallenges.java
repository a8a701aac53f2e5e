package eu.pledge.patrol;

import org.springframework.stereotype.Component;

import eu.pledge.protection.ProtectionProperties;
import eu.pledge.protection.Switches;

/**
 * During a site-wide wave, every sign-in from an address the account has not recently signed in from answers the
 * arithmetic question, for {@code challenge-duration}. The decision is protection's, so the sign-in gate on every
 * node enforces it; answering again while one is in force extends it.
 */
@Component
class SignInChallenges implements Responder {

	private final Switches switches;
	private final PatrolProperties properties;

	SignInChallenges(Switches switches, PatrolProperties properties, ProtectionProperties protection) {
		this.switches = switches;
		this.properties = properties;
		if (properties.challengeDuration().compareTo(protection.recordLifetime()) > 0) {
			throw new IllegalStateException("pledge.patrol.challenge-duration must be at most "
					+ "pledge.protection.record-lifetime: no decision lives longer");
		}
	}

	@Override
	public PatrolProperties.Response response() {
		return PatrolProperties.Response.CHALLENGE;
	}

	@Override
	public Long respond(Answer answer) {
		return switches.challengeSignIns(properties.challengeDuration(), "patrol:" + answer.rule(), "patrol").id();
	}
}
