package eu.pledge.privacy.inventory;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.stereotype.Component;

/**
 * The data inventory: every category of personal data Pledge holds, why, on what basis, who reads it and how
 * long it lives. Policy as code: the privacy notice, the record of processing, the access page and the
 * inventory check all read this one list; a store no category declares fails the build. Every purpose declares
 * its legal basis ({@link #legalBasis}); a purpose on legitimate interest can be objected to (Art. 21 GDPR), and
 * where Pledge has compelling grounds to go on processing anyway they are stated here, once, for the notice and
 * the data page alike.
 */
@Component
public class Inventory {

	private static final String CONTRACT = "Art. 6(1)(b) GDPR: performance of the contract with your organisation";
	private static final String INTEREST = "Art. 6(1)(f) GDPR: legitimate interest in secure, working systems";
	private static final String OBLIGATION = "Art. 6(1)(c) GDPR: legal obligation (data-subject rights)";
	private static final String BREACHES = "Art. 6(1)(c) GDPR: legal obligation (Art. 33 and 34: documenting breaches, telling the people affected)";
	private static final String WHILE_CUSTOMER = "as long as you remain a customer; destroyed the grace period after you stop being one (or after you registered, if you never became one)";

	static final List<Category> CATEGORIES = List.of(
			new Category("identity", "Name, email and address data",
					"Your name, email address and postal address, encrypted with a key of your own.",
					List.of(Purpose.PROVIDING_ACCESS, Purpose.ACCESS_LEVEL), CONTRACT,
					"you; your organisation's administrators see your name and email", WHILE_CUSTOMER, true),
			new Category("credentials", "Login credentials",
					"A one-way hash of your password (Argon2id), your second-factor secret and recovery codes, and your passkeys (their ids, public keys and names; the sign counter and the authenticator model they report).",
					List.of(Purpose.PROVIDING_ACCESS, Purpose.SECURITY), CONTRACT, "nobody (only compared)",
					WHILE_CUSTOMER, true),
			new Category("ip-addresses", "IP address",
					"The address your sign-in attempts and requests come from, kept temporarily to stop brute-force attacks and, in Secure Patrol, to spot and answer attacks such as scanning or probing.",
					List.of(Purpose.SECURITY), INTEREST, "the vendor's security officers", "only briefly, counted from the last attempt",
					false),
			new Category("sessions", "Cookies and sessions",
					"A random session identifier in a cookie, and on our side when the session started, when it was last used and a summary of your browser.",
					List.of(Purpose.PROVIDING_ACCESS, Purpose.SECURITY), CONTRACT, "you",
					"until you sign out or the session times out", false),
			new Category("preferences", "Preferences",
					"Your preferences, such as home page and time zone.", List.of(Purpose.PROVIDING_ACCESS),
					CONTRACT, "you", WHILE_CUSTOMER, true),
			new Category("memberships", "Organisations and access levels",
					"Which organisations you belong to, your role there, and the access your organisation's contract gives you.",
					List.of(Purpose.ACCESS_LEVEL), CONTRACT, "you; your organisation's administrators",
					WHILE_CUSTOMER, true),
			new Category("audit-events", "Audit logs",
					"Which account did what action, when, and with what outcome; no names or emails in clear.",
					List.of(Purpose.SECURITY, Purpose.DEBUGGING), INTEREST,
					"the vendor's security officers; you see the events about you", "cleared every two months",
					false),
			new Category("server-logs", "Server logs",
					"Per request: time, browser version, IP address, the page or call, its result and duration.",
					List.of(Purpose.DEBUGGING, Purpose.SECURITY), INTEREST, "the vendor's engineers",
					"rotated daily and cleared within a couple of months", false),
			new Category("error-events", "Error reports (Codana)",
					"When a programming error happens: the error, the page or call, and which account was signed in; values that look personal are removed first.",
					List.of(Purpose.DEBUGGING), INTEREST, "the vendor's engineers", "cleared within a couple of months",
					false),
			new Category("contact-messages", "Contact messages",
					"What you write us through the contact form, with the name and email you give.",
					List.of(Purpose.CONTACT), INTEREST, "the vendor's staff", "deleted a fixed period after they arrive, or earlier once handled",
					false),
			new Category("request-records", "Your requests",
					"Requests you make as a data subject (access, correction, erasure, restriction) and how they were handled.",
					List.of(Purpose.RIGHTS), OBLIGATION, "the vendor's privacy staff", "kept for a period after they are closed",
					false),
			new Category("breach-records", "Security incidents that concern you",
					"If a security incident puts your data at high risk, we tell you by mail and record that we told you and when; the record of the incident itself names nobody.",
					List.of(Purpose.BREACHES), BREACHES, "the vendor's privacy staff; the supervisory authority on request",
					"kept for a period after the incident's record last changed", false));

	/** The legal basis of every purpose (Art. 13(1)(c) GDPR); the notice states each, a check fails on a gap. */
	static final Map<Purpose, String> LEGAL_BASES = Map.of(Purpose.PROVIDING_ACCESS, CONTRACT, Purpose.ACCESS_LEVEL,
			CONTRACT, Purpose.SECURITY, INTEREST, Purpose.DEBUGGING, INTEREST, Purpose.CONTACT, INTEREST, Purpose.RIGHTS,
			OBLIGATION, Purpose.BREACHES, BREACHES);

	/**
	 * Why processing goes on after an objection (Art. 21(1) GDPR: compelling legitimate grounds which override the
	 * person's interests); purposes on legitimate interest without an entry claim none in advance.
	 */
	static final Map<Purpose, String> COMPELLING_GROUNDS = Map.of(Purpose.SECURITY,
			"Protecting every account and the service itself against attacks is a compelling legitimate ground: "
					+ "brute-force records, Secure Patrol, the audit trail and the security use of server logs go on for "
					+ "every account, yours included, each only within its retention period. An attacker could otherwise "
					+ "object to being watched. We still review your particular situation and tell you what, if anything, "
					+ "stops.");

	public List<Category> categories() {
		return CATEGORIES;
	}

	public Optional<Category> category(String name) {
		return CATEGORIES.stream().filter(category -> category.name().equals(name)).findFirst();
	}

	/** Every purpose, in the notice's order. */
	public List<Purpose> purposes() {
		return Arrays.asList(Purpose.values());
	}

	/** The purpose's legal basis, or empty when none is declared (the {@code purposes-have-legal-basis} check fails). */
	public Optional<String> legalBasis(Purpose purpose) {
		return Optional.ofNullable(LEGAL_BASES.get(purpose)).filter(basis -> !basis.isBlank());
	}

	/** Whether the purpose rests on legitimate interest (Art. 6(1)(f)), so that a person may object to it. */
	public boolean objectable(Purpose purpose) {
		return legalBasis(purpose).filter(INTEREST::equals).isPresent();
	}

	/** The compelling grounds to go on processing for the purpose despite an objection, or empty. */
	public Optional<String> compellingGrounds(Purpose purpose) {
		return Optional.ofNullable(COMPELLING_GROUNDS.get(purpose));
	}

	/** The categories processed for the purpose on legitimate interest: what an objection to it is about. */
	public List<Category> objectableCategories(Purpose purpose) {
		return CATEGORIES.stream().filter(category -> category.purposes().contains(purpose))
				.filter(category -> category.legalBasis().equals(INTEREST)).toList();
	}
}
