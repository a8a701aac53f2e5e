package eu.pledge.sso;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.access.AccessProperties;
import eu.pledge.privacy.spi.SystemRecipients;

/**
 * What each system of the catalogue receives when a person signs in to it through Pledge, as the privacy notice and
 * the record of processing state it: from the same settings the claims are made from ({@link Claims}).
 */
@Component
class SsoRecipients implements SystemRecipients {

	private final AccessProperties catalogue;
	private final SsoProperties properties;

	SsoRecipients(AccessProperties catalogue, SsoProperties properties) {
		this.catalogue = catalogue;
		this.properties = properties;
	}

	@Override
	public List<SystemRecipient> systems() {
		return catalogue.systems().keySet().stream().map(system -> {
			List<String> receives = new ArrayList<>(List.of("an identifier for you that only this system uses",
					"your access level, your organisation's name and the contract's end"));
			for (SsoProperties.Data data : List.of(SsoProperties.Data.NAME, SsoProperties.Data.EMAIL,
					SsoProperties.Data.ADDRESS)) {
				if (properties.receivedBy(system).contains(data)) {
					receives.add(switch (data) {
						case NAME -> "your name";
						case EMAIL -> "your email address";
						case ADDRESS -> "your postal address";
					});
				}
			}
			return new SystemRecipient(system, List.copyOf(receives));
		}).toList();
	}
}
