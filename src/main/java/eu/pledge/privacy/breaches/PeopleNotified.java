package eu.pledge.privacy.breaches;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * An administrator had the people a breach affects told (Art. 34): how they were chosen and how many were newly
 * told, already told before, or had no address to tell them at.
 */
public record PeopleNotified(UUID breachId, String chosenBy, int selected, int notified, int alreadyNotified,
		int withoutAddress, AccountId by, Instant occurredAt) implements Auditable {

	@Override
	public AuditEntry auditEntry() {
		return new AuditEntry(by, "privacy-breach.people-notified", "privacy-breach", breachId.toString(),
				AuditEntry.Outcome.SUCCESS, null).with("chosenBy", chosenBy).with("selected", Integer.toString(selected))
				.with("notified", Integer.toString(notified)).with("alreadyNotified", Integer.toString(alreadyNotified))
				.with("withoutAddress", Integer.toString(withoutAddress));
	}
}
