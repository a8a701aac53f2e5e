package eu.pledge.privacy.breaches;

/**
 * What an administrator sends to open or change a breach record, as typed (the API's body, the form's fields).
 * On a change a field left out ({@code null}) stays as it is, and a blank one is removed.
 */
record BreachForm(String discoveredAt, String summary, String dataCategories, String subjectCategories,
		String approximateSubjects, String consequences, String measures, String highRisk,
		String authorityNotifiedAt, String delayReason, String noNotificationReason) {

	@Override
	public String toString() {
		return "BreachForm[redacted]";
	}
}
