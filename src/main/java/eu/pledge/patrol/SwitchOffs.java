package eu.pledge.patrol;

import org.springframework.stereotype.Component;

import eu.pledge.protection.ProtectionProperties;
import eu.pledge.protection.Switches;

/**
 * Switches a rule's features ({@code switch-off}: registration, password reset, the contact form) off for
 * {@code switch-off-duration}: the web edge of every node then refuses them with 403 and a page that says until
 * when. Each feature is a decision of its own, lifted on its own.
 */
@Component
class SwitchOffs implements Responder {

	private final Switches switches;
	private final PatrolProperties properties;

	SwitchOffs(Switches switches, PatrolProperties properties, ProtectionProperties protection) {
		this.switches = switches;
		this.properties = properties;
		if (properties.switchOffDuration().compareTo(protection.recordLifetime()) > 0) {
			throw new IllegalStateException("pledge.patrol.switch-off-duration must be at most "
					+ "pledge.protection.record-lifetime: no decision lives longer");
		}
	}

	@Override
	public PatrolProperties.Response response() {
		return PatrolProperties.Response.SWITCH_OFF;
	}

	/** @return the decision of the first feature (the response's audit event names one) */
	@Override
	public Long respond(Answer answer) {
		Long first = null;
		for (Switches.Feature feature : answer.settings().switchOff()) {
			long id = switches.switchOff(feature, properties.switchOffDuration(), "patrol:" + answer.rule(), "patrol").id();
			first = first == null ? id : first;
		}
		return first;
	}
}
