package eu.pledge.privacy.spi;

import java.util.List;

/**
 * The vendor's own systems that receive a person's data from Pledge, and what each receives: declared by the module
 * that discloses it (single sign-on), listed by the privacy notice and the record of processing (Art. 13(1)(e) and
 * 30(1)(d): the recipients). Within the same controller, so not third parties, but a person learns here which
 * system learns what.
 */
public interface SystemRecipients {

	/** Every system and what it receives, in the catalogue's order. */
	List<SystemRecipient> systems();

	/**
	 * One system.
	 *
	 * @param system the system's name in the access catalogue
	 * @param receives what it receives, in plain words (e.g. "a pseudonymous identifier for this system only")
	 */
	record SystemRecipient(String system, List<String> receives) {
	}
}
