package eu.pledge.patrol;

import org.springframework.stereotype.Component;

import eu.pledge.protection.ProtectionProperties;
import eu.pledge.sessions.StepUps;

/**
 * Asks every sign-in of the attacked account for a second factor during {@code pledge.patrol.step-up-duration}
 * (rules keyed by account only: the account is then the key itself). Never a lockout a stranger can trigger: the
 * owner still signs in, with the authenticator or a code mailed to their verified address. The sessions module
 * stores it, enforces it at sign-in and mails the person.
 */
@Component
class StepUpRequests implements Responder {

	private final StepUps stepUps;
	private final PatrolProperties properties;

	StepUpRequests(StepUps stepUps, PatrolProperties properties, ProtectionProperties protection) {
		this.stepUps = stepUps;
		this.properties = properties;
		if (properties.stepUpDuration().compareTo(protection.recordLifetime()) > 0) {
			throw new IllegalStateException("pledge.patrol.step-up-duration must be at most "
					+ "pledge.protection.record-lifetime: a step-up outliving the record that caused it could not be explained");
		}
	}

	@Override
	public PatrolProperties.Response response() {
		return PatrolProperties.Response.REQUIRE_SECOND_FACTOR;
	}

	@Override
	public Long respond(Answer answer) {
		if (answer.settings().key() == PatrolProperties.Key.ACCOUNT && answer.detection().account() != null) {
			stepUps.require(answer.detection().account(), properties.stepUpDuration(), "patrol:" + answer.rule());
		}
		return null;
	}
}
