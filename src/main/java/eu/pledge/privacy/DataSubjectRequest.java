package eu.pledge.privacy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

import eu.pledge.shared.AccountId;

/**
 * A data-subject request as the vendor's staff see it.
 *
 * @param id the request's id
 * @param type what the person asks for
 * @param account the person's account, when known
 * @param contactEmail how to reach the person when no account is known (or as given), else null
 * @param receivedOn the day the request reached the vendor: the statutory month runs from here
 * @param dueOn the statutory deadline: one month after receipt, three once extended
 * @param status open, extended, completed or rejected
 * @param extensionReason why the deadline was extended, or null
 * @param rejectionReason why the request was rejected, or null
 * @param notes the staff's notes, one dated line each, or null
 * @param contactMessageId the contact message it came from, or null
 * @param recordedBy the administrator who recorded it
 * @param recordedAt when it was recorded
 * @param closedAt when it was completed or rejected, or null while it is open
 * @param urgency how the deadline stands today
 * @param purpose for an objection made on the data page, the purpose objected to (e.g. {@code security}), else null
 */
public record DataSubjectRequest(UUID id, RequestType type, AccountId account, String contactEmail,
		LocalDate receivedOn, LocalDate dueOn, RequestStatus status, String extensionReason, String rejectionReason,
		String notes, UUID contactMessageId, AccountId recordedBy, Instant recordedAt, Instant closedAt,
		Urgency urgency, String purpose) {

	/** How a request's deadline stands. */
	public enum Urgency {
		/** The deadline has passed and the request is not closed. */
		OVERDUE,
		/** The deadline is near (as configured, 7 days by default). */
		DUE_SOON,
		ON_TIME,
		CLOSED
	}

	/** The deadline before any extension: one month after receipt. */
	public LocalDate originalDueOn() {
		return receivedOn.plusMonths(1);
	}

	public boolean extended() {
		return extensionReason != null;
	}

	@Override
	public String toString() {
		return "DataSubjectRequest[id=" + id + ", type=" + type + ", purpose=" + purpose + ", status=" + status
				+ ", dueOn=" + dueOn + "]";
	}
}
