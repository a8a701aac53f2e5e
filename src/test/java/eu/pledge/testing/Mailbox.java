package eu.pledge.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;

/** Reads what Pledge mailed over real SMTP to the GreenMail server of the test, and follows its links. */
public final class Mailbox {

	private static final Pattern LINK = Pattern.compile("https?://\\S+");

	private final GreenMail greenMail;

	public Mailbox(GreenMail greenMail) {
		this.greenMail = greenMail;
	}

	/** Waits for a mail to {@code recipient} whose subject contains {@code subject}; returns its body. */
	public String await(String recipient, String subject) {
		return Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> find(recipient, subject), body -> body != null);
	}

	/** The first link in the newest matching mail. */
	public String link(String recipient, String subject) {
		Matcher matcher = LINK.matcher(await(recipient, subject));
		if (!matcher.find()) {
			throw new AssertionError("No link in the mail '" + subject + "'");
		}
		return matcher.group();
	}

	/** The {@code token} query parameter of the first link in the newest matching mail. */
	public String token(String recipient, String subject) {
		String link = link(recipient, subject);
		return link.substring(link.indexOf("token=") + "token=".length());
	}

	/** How many mails each recipient got of each subject ("recipient | subject"), as of now. */
	public java.util.Map<String, Long> countsByRecipientAndSubject() throws Exception {
		java.util.Map<String, Long> counts = new java.util.TreeMap<>();
		for (MimeMessage message : greenMail.getReceivedMessages()) {
			for (jakarta.mail.Address to : message.getAllRecipients()) {
				counts.merge(to + " | " + message.getSubject(), 1L, Long::sum);
			}
		}
		return counts;
	}

	public long count(String recipient) {
		return Arrays.stream(greenMail.getReceivedMessagesForDomain(recipient))
				.filter(message -> recipientIs(message, recipient)).count();
	}

	private String find(String recipient, String subject) throws Exception {
		MimeMessage[] messages = greenMail.getReceivedMessages();
		for (int i = messages.length - 1; i >= 0; i--) {
			if (recipientIs(messages[i], recipient) && messages[i].getSubject().contains(subject)) {
				return text(messages[i]);
			}
		}
		return null;
	}

	/**
	 * The mail's text as its reader sees it, decoded by JavaMail. (Decoding by hand — removing quoted-printable soft
	 * breaks and turning {@code =3D} into {@code =} — cut the first two characters off every link token that began
	 * with "3D" in a mail sent 7-bit: one token in 4,096, the verification "flake" of earlier CI runs.)
	 */
	public static String text(Part part) throws Exception {
		Object content = part.getContent();
		if (content instanceof String text) {
			return text;
		}
		if (content instanceof Multipart multipart) {
			StringBuilder text = new StringBuilder();
			for (int i = 0; i < multipart.getCount(); i++) {
				text.append(text(multipart.getBodyPart(i))).append('\n');
			}
			return text.toString();
		}
		return "";
	}

	private static boolean recipientIs(MimeMessage message, String recipient) {
		try {
			return Arrays.stream(message.getAllRecipients()).anyMatch(a -> a.toString().equalsIgnoreCase(recipient));
		}
		catch (jakarta.mail.MessagingException ex) {
			return false;
		}
	}
}
