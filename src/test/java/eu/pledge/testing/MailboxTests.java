package eu.pledge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.util.Properties;

import jakarta.mail.Session;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

/** The tests read mails as their readers would: a link's token arrives whole however the mail was encoded. */
class MailboxTests {

	private static final String TOKEN = "3DaV_i-0123456789abcdefghijklmnopqrstu1mGg"; // begins like a QP escape

	@Test
	void aTokenThatBeginsWith3DSurvivesA7BitMail() throws Exception {
		assertThat(Mailbox.text(sent("Open https://localhost:8080/verify?token=" + TOKEN + "\n", "7bit")))
				.contains("token=" + TOKEN);
	}

	@Test
	void aLongLineSentQuotedPrintableIsJoinedAgain() throws Exception {
		String link = "https://pledge.example.com:8443/a/rather/long/path/to/verify/an/address?token=" + TOKEN;
		MimeMessage sent = sent("Bonjour Zoë, open " + link + "\n", "quoted-printable");
		assertThat(Mailbox.text(sent)).contains(link);
	}

	/** The message as a receiving server parses it after the wire. */
	private static MimeMessage sent(String text, String encoding) throws Exception {
		Session session = Session.getInstance(new Properties());
		MimeMessage message = new MimeMessage(session);
		message.setText(text, "UTF-8");
		message.setHeader("Content-Transfer-Encoding", encoding);
		ByteArrayOutputStream wire = new ByteArrayOutputStream();
		message.writeTo(wire);
		return new MimeMessage(session, new ByteArrayInputStream(wire.toByteArray()));
	}
}
