package eu.pledge.patrol;

import org.springframework.stereotype.Component;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;

/** Bans the address (rules keyed by address), for twice as long each time while the key's record lives. */
@Component
class Bans implements Responder {

	private final Decisions decisions;
	private final PatrolProperties properties;

	Bans(Decisions decisions, PatrolProperties properties) {
		this.decisions = decisions;
		this.properties = properties;
	}

	@Override
	public PatrolProperties.Response response() {
		return PatrolProperties.Response.BAN;
	}

	@Override
	public Long respond(Answer answer) {
		if (answer.address() == null) {
			return null;
		}
		return decisions.decide(Decision.Type.BAN, answer.address(),
				properties.ban(answer.count(PatrolProperties.Response.BAN)), "patrol:" + answer.rule(), "patrol").id();
	}
}
