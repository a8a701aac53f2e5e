package eu.pledge.privacy.breaches;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.notice.NoticeProperties;
import eu.pledge.shared.Mail;
import eu.pledge.shared.PledgeProperties;

/**
 * The two texts a breach needs: the notification to the supervisory authority with what Art. 33(3) GDPR lists,
 * and the notice to each affected person in clear and plain language with what Art. 34(2) lists.
 */
@Component
class BreachTexts {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC);
	private static final String UNKNOWN = "not yet known; to be provided in phases as it becomes known (Art. 33(4))";
	private static final String NOT_YET_KNOWN = "not yet known; we will write to you again when we know more";

	private final PrivacyProperties privacy;
	private final PledgeProperties pledge;
	private final NoticeProperties.SupervisoryAuthority authority;

	BreachTexts(PrivacyProperties privacy, PledgeProperties pledge, NoticeProperties notice) {
		this.privacy = privacy;
		this.pledge = pledge;
		this.authority = notice.supervisoryAuthority();
	}

	/** The notification to the supervisory authority (Art. 33(3)), ready to paste into its form or a letter. */
	String authority(Breach breach) {
		StringBuilder text = new StringBuilder();
		text.append("Notification of a personal data breach (Art. 33 GDPR)\n\n");
		text.append("To: ").append(addressee()).append('\n');
		text.append("Controller: ").append(privacy.controller().name()).append(", ").append(privacy.controller().contact())
				.append('\n');
		text.append("Contact point for more information: ").append(contactPoint()).append("\n\n");
		text.append("Became aware of the breach: ").append(WHEN.format(breach.discoveredAt())).append('\n');
		if (breach.authorityNotifiedAt() != null) {
			text.append("Notified on: ").append(WHEN.format(breach.authorityNotifiedAt())).append('\n');
		}
		text.append("\n(a) Nature of the breach: ").append(breach.summary()).append('\n');
		text.append("    Categories of personal data concerned: ").append(or(breach.dataCategories())).append('\n');
		text.append("    Categories of data subjects concerned: ").append(or(breach.subjectCategories())).append('\n');
		text.append("    Approximate number of data subjects: ")
				.append(breach.approximateSubjects() == null ? UNKNOWN : breach.approximateSubjects().toString())
				.append('\n');
		text.append("(b) Contact point: ").append(contactPoint()).append('\n');
		text.append("(c) Likely consequences: ").append(or(breach.consequences())).append('\n');
		text.append("(d) Measures taken or proposed, including to mitigate its possible adverse effects: ")
				.append(or(breach.measures())).append('\n');
		text.append("\nThe people concerned ").append(breach.highRisk()
				? "are being told directly (Art. 34): the breach is likely to result in a high risk to them."
				: "are not told directly: the breach is not likely to result in a high risk to them (Art. 34(1)).")
				.append('\n');
		if (breach.delayReason() != null) {
			text.append("\nReasons for notifying after 72 hours (Art. 33(1)): ").append(breach.delayReason()).append('\n');
		}
		return text.toString();
	}

	/** The mail to one person a high-risk breach affects (Art. 34(2)); the same words for everyone. */
	Mail person(String to, Breach breach) {
		return new Mail(to, "A security incident that concerns your data", """
				We are writing to tell you about a security incident at %s that concerns personal data about you. We
				tell you because it may put you at a high risk, and the law (Art. 34 GDPR) asks us to tell you
				directly, even if you have asked us to stop processing your data.

				What happened (we became aware of it on %s):
				%s

				Which data about you is concerned:
				%s

				What this may mean for you:
				%s

				What we have done, and are doing, about it:
				%s

				What you can do: change your password and check your second factor at %s, and be wary of messages
				that seem to come from us and ask for your password.

				To ask us about it, contact %s.""".formatted(privacy.controller().name(),
				WHEN.format(breach.discoveredAt()), breach.summary(), or(breach.dataCategories(), NOT_YET_KNOWN),
				or(breach.consequences(), NOT_YET_KNOWN), or(breach.measures(), NOT_YET_KNOWN), pledge.link("/account/security"), contactPoint()));
	}

	/** The configured authority (the one the notice names for complaints), or which one it has to go to. */
	private String addressee() {
		if (!authority.named()) {
			return "the supervisory authority competent for the controller (Art. 55, 56 GDPR)";
		}
		return authority.address().isBlank() ? authority.name() : authority.name() + ", " + authority.address();
	}

	private String contactPoint() {
		String dpo = privacy.controller().dpo();
		return dpo == null || dpo.isBlank() ? privacy.controller().name() + ", " + privacy.controller().contact()
				: "the data protection officer, " + dpo;
	}

	private static String or(String value) {
		return or(value, UNKNOWN);
	}

	private static String or(String value, String unknown) {
		return value == null ? unknown : value;
	}
}
