package eu.pledge.privacy;

/** What a data subject asks for (GDPR Art. 15 to 21). */
public enum RequestType {

	ACCESS("access to their data (Art. 15)"),
	PORTABILITY("a copy of their data to take elsewhere (Art. 20)"),
	CORRECTION("correction of their data (Art. 16)"),
	ERASURE("erasure of their data (Art. 17)"),
	RESTRICTION("restriction of processing (Art. 18)"),
	OBJECTION("objection to processing (Art. 21)");

	private final String plain;

	RequestType(String plain) {
		this.plain = plain;
	}

	public String plain() {
		return plain;
	}
}
