package eu.pledge.testing;

import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.mail.internet.MimeMessage;

import org.awaitility.Awaitility;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

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

	public long count(String recipient) {
		return Arrays.stream(greenMail.getReceivedMessagesForDomain(recipient))
				.filter(message -> recipientIs(message, recipient)).count();
	}

	private String find(String recipient, String subject) throws Exception {
		MimeMessage[] messages = greenMail.getReceivedMessages();
		for (int i = messages.length - 1; i >= 0; i--) {
			if (recipientIs(messages[i], recipient) && messages[i].getSubject().contains(subject)) {
				return GreenMailUtil.getBody(messages[i]).replace("=\r\n", "").replace("=3D", "=");
			}
		}
		return null;
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
