package eu.pledge.privacy.breaches;

import java.time.Instant;
import java.util.UUID;

import eu.pledge.shared.AccountId;

/**
 * A personal-data breach as the vendor's administrators see it (Art. 33(5) GDPR: the facts, the effects and the
 * remedial action taken).
 *
 * @param id the record's id
 * @param discoveredAt when the vendor became aware of the breach: the 72 hours run from here
 * @param summary what happened (the nature of the breach)
 * @param dataCategories the categories of personal data concerned
 * @param subjectCategories the categories of people concerned
 * @param approximateSubjects roughly how many people, when known
 * @param consequences the likely consequences
 * @param measures the measures taken or proposed, including those to mitigate its effects
 * @param highRisk whether it is likely to result in a high risk to people (then they are told, Art. 34)
 * @param authorityNotifiedAt when the supervisory authority was notified, or null
 * @param delayReason why the authority was notified after 72 hours, or null
 * @param noNotificationReason why the authority is not notified (unlikely to result in a risk), or null
 * @param authorityDueAt 72 hours after discovery
 * @param urgency how the 72-hour clock stands now
 * @param peopleNotified how many people were told so far
 * @param recordedBy the administrator who opened the record
 * @param recordedAt when it was opened
 * @param updatedAt when it last changed (its retention counts from here)
 */
public record Breach(UUID id, Instant discoveredAt, String summary, String dataCategories, String subjectCategories,
		Long approximateSubjects, String consequences, String measures, boolean highRisk, Instant authorityNotifiedAt,
		String delayReason, String noNotificationReason, Instant authorityDueAt, Urgency urgency, long peopleNotified,
		AccountId recordedBy, Instant recordedAt, Instant updatedAt) {

	/** How the 72-hour clock to the supervisory authority stands. */
	public enum Urgency {
		/** More than 72 hours since discovery, and the authority has not been notified. */
		OVERDUE,
		/** Less than {@code pledge.privacy.breach-due-soon} left. */
		DUE_SOON,
		ON_TIME,
		/** The authority was notified. */
		NOTIFIED,
		/** The administrators recorded why the authority is not notified. */
		NOT_REQUIRED
	}

	@Override
	public String toString() {
		return "Breach[id=" + id + ", discoveredAt=" + discoveredAt + ", urgency=" + urgency + "]";
	}
}
