package eu.pledge.shared;

/** One outgoing plain-text mail. The recipient is personal data: never log a Mail. */
public record Mail(String to, String subject, String body) {

	@Override
	public String toString() {
		return "Mail[subject=" + subject + "]";
	}
}
