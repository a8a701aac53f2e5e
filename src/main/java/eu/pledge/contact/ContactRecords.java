package eu.pledge.contact;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.AccountId;

/**
 * Contact messages as personal data: where they are, the export and erasure of an account's messages, and the
 * retention rule {@code contact-messages}. A message belongs to an account only when its sender was signed in:
 * the contact module cannot (and should not) look up which account an email address typed into a public form
 * belongs to, so other messages are found by the staff through the admin view when a person asks.
 */
@Component
class ContactRecords implements PersonalDataHolder, RetentionRule {

	static final String CATEGORY = "contact-messages";
	private static final int BATCH = 200;

	/** One message in a person's export (stable field names). */
	record ExportedMessage(UUID id, String receivedAt, String name, String email, String message) {
	}

	private final ContactMessages contact;
	private final MessageRepository messages;
	private final ContactProperties properties;
	private final BatchedSweep batches;

	ContactRecords(ContactMessages contact, MessageRepository messages, ContactProperties properties,
			PlatformTransactionManager transactions) {
		this.contact = contact;
		this.messages = messages;
		this.properties = properties;
		this.batches = new BatchedSweep(transactions);
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore(CATEGORY, "table:contact_messages", properties.retention()));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return contact.of(account).stream().map(message -> new HeldItem(CATEGORY, "contact-message",
				new ExportedMessage(message.id(), message.receivedAt().toString(), message.name(), message.email(),
						message.message()),
				message.deletedBy())).toList();
	}

	@Override
	public void erase(AccountId account) {
		messages.idsOfAccount(account).forEach(contact::destroy);
	}

	@Override
	public String name() {
		return CATEGORY;
	}

	@Override
	public String category() {
		return CATEGORY;
	}

	@Override
	public long sweep(Instant now) {
		Instant cutoff = now.minus(properties.retention());
		return batches.run(BATCH, size -> {
			List<UUID> expired = messages.receivedBefore(cutoff, size);
			expired.forEach(contact::destroy);
			return BatchedSweep.Batch.of(expired.size());
		});
	}
}
