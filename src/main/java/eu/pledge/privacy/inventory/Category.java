package eu.pledge.privacy.inventory;

import java.util.List;
import java.util.Objects;

/**
 * One category of personal data in the inventory.
 *
 * @param name the stable key holders use in {@link eu.pledge.privacy.spi.DataStore#category()}
 * @param title the heading of the privacy notice, in the policy's words
 * @param description what it is, in plain language
 * @param purposes why it is processed (nothing else)
 * @param legalBasis the GDPR Art. 6 basis
 * @param readers who may read it
 * @param retention the rule in plain language; the exact periods come from the holders' configured values
 * @param followsAccount whether it lives as long as the account (and the customer rule: the grace period after it stops being a customer's)
 */
public record Category(String name, String title, String description, List<Purpose> purposes, String legalBasis,
		String readers, String retention, boolean followsAccount) {

	public Category {
		Objects.requireNonNull(name, "name");
		purposes = List.copyOf(purposes);
	}
}
