package eu.pledge.privacy.inventory;

/** The purposes the policy allows, and no others ("We will not use your data for purposes other than defined here"). */
public enum Purpose {

	PROVIDING_ACCESS("providing you with access to our software systems"),
	ACCESS_LEVEL("deciding, from your organisation's contract, what level of access you get"),
	SECURITY("keeping your account and our systems secure (brute-force protection, Secure Patrol, access control)"),
	DEBUGGING("debugging and following up programming errors (Codana)"),
	CONTACT("answering you when you contact us"),
	RIGHTS("handling your requests as a data subject"),
	BREACHES("documenting security incidents that concern personal data and telling you and the supervisory authority of them");

	private final String plain;

	Purpose(String plain) {
		this.plain = plain;
	}

	/** The purpose in the words of the privacy notice. */
	public String plain() {
		return plain;
	}
}
