package eu.pledge.shared;

import java.time.Clock;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Sends mail over SMTP when {@code spring.mail.host} is configured; otherwise keeps it in the development
 * outbox that administrators can read at {@code /admin/outbox}. Inside a transaction the mail leaves only
 * after commit, so a rolled-back registration never mails a link to nothing. SMTP delivery runs on its own
 * thread: a request that mails takes as long as one that does not, so timing cannot tell whether an address
 * has an account.
 */
@Component
public class Mailer {

	private static final Logger log = LoggerFactory.getLogger(Mailer.class);

	private final ObjectProvider<JavaMailSender> sender;
	private final DevOutbox outbox;
	private final Clock clock;
	private final String from;
	private final java.util.concurrent.ExecutorService smtpThread = java.util.concurrent.Executors
			.newSingleThreadExecutor(runnable -> {
				Thread thread = new Thread(runnable, "pledge-mail");
				thread.setDaemon(true);
				return thread;
			});

	Mailer(ObjectProvider<JavaMailSender> sender, DevOutbox outbox, Clock clock,
			@Value("${pledge.mail.from:Pledge <no-reply@pledge.localhost>}") String from) {
		this.sender = sender;
		this.outbox = outbox;
		this.clock = clock;
		this.from = from;
	}

	public void send(Mail mail) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					deliver(mail);
				}
			});
		}
		else {
			deliver(mail);
		}
	}

	/** Whether mail leaves through SMTP (false: the development outbox keeps it). */
	public boolean usesSmtp() {
		return sender.getIfAvailable() != null;
	}

	/** The mails to {@code recipient} still in the development outbox, newest first. */
	public List<Mail> outboxFor(String recipient) {
		return outbox.to(recipient);
	}

	/** Deletes the development outbox's mails to {@code recipient}; returns how many. */
	public int forgetOutboxFor(String recipient) {
		return outbox.deleteTo(recipient);
	}

	/** Deletes the development outbox's mails kept since before {@code cutoff}; returns how many. */
	public int deleteOutboxBefore(java.time.Instant cutoff) {
		return outbox.deleteBefore(cutoff);
	}

	private void deliver(Mail mail) {
		JavaMailSender smtp = sender.getIfAvailable();
		if (smtp == null) {
			outbox.keep(mail, clock.instant());
			return;
		}
		smtpThread.execute(() -> deliverOverSmtp(smtp, mail));
	}

	@jakarta.annotation.PreDestroy
	void stop() {
		smtpThread.shutdown();
	}

	private void deliverOverSmtp(JavaMailSender smtp, Mail mail) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(from);
		message.setTo(mail.to());
		message.setSubject(mail.subject());
		message.setText(mail.body());
		try {
			smtp.send(message);
		}
		catch (MailException ex) {
			// The recipient stays out of the log; the subject says which flow failed.
			log.error("Mail '{}' could not be sent: {}", mail.subject(), ex.getClass().getSimpleName());
		}
	}
}
