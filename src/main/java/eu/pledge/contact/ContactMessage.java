package eu.pledge.contact;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;

/**
 * A message sent through the contact form, opened for the vendor's staff.
 *
 * @param id the message's id
 * @param receivedAt when it arrived
 * @param name the name the sender gave
 * @param email the email address the sender gave
 * @param message what they wrote
 * @param account the sender's account when they were signed in, else null
 * @param requestId the data-subject request last recorded from it, or null
 * @param deletedBy when the retention rule deletes it
 */
public record ContactMessage(UUID id, Instant receivedAt, String name, String email, String message,
		AccountId account, UUID requestId, Instant deletedBy) {

	@Override
	public String toString() {
		return "ContactMessage[id=" + id + ", redacted]";
	}
}
