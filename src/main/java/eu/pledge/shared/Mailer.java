package eu.pledge.shared;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Outgoing mail. With SMTP configured ({@code spring.mail.host}) a mail is queued, sealed, in the caller's
 * transaction (a rolled-back registration never mails, a committed one always does) and this node's
 * {@link MailDelivery delivery thread} is woken after the commit; when the SMTP server is down the mail waits
 * and is retried. The request never waits for SMTP, so a request that mails takes as long as one that does not,
 * and timing cannot tell whether an address has an account. Without SMTP, mail is kept after the commit in the
 * development outbox that administrators read at {@code /admin/outbox}.
 */
@Component
public class Mailer {

	/** A mail waiting for the SMTP server, as its recipient may see it (export): no recipient. */
	public record QueuedMail(UUID id, String subject, String body, Instant queuedAt) {

		@Override
		public String toString() {
			return "QueuedMail[" + id + ", subject=" + subject + "]";
		}
	}

	private final ObjectProvider<JavaMailSender> sender;
	private final MailQueue queue;
	private final MailDelivery delivery;
	private final DevOutbox outbox;
	private final Clock clock;
	private final TransactionTemplate ownTransaction;

	Mailer(ObjectProvider<JavaMailSender> sender, MailQueue queue, MailDelivery delivery, DevOutbox outbox,
			Clock clock, PlatformTransactionManager transactions) {
		this.sender = sender;
		this.queue = queue;
		this.delivery = delivery;
		this.outbox = outbox;
		this.clock = clock;
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	public void send(Mail mail) {
		if (!usesSmtp()) {
			afterCommit(() -> outbox.keep(mail, clock.instant()));
		}
		else if (TransactionSynchronizationManager.isActualTransactionActive()
				&& !TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			UUID id = queue.add(mail, clock.instant());
			afterCommit(() -> delivery.wake(id));
		}
		else {
			// Nothing to join (or a read-only transaction, which cannot insert): queued in a transaction of its own,
			// after the caller's transaction, if any, committed.
			afterCommit(() -> delivery.wake(ownTransaction.execute(status -> queue.add(mail, clock.instant()))));
		}
	}

	/** Whether mail leaves through SMTP (false: the development outbox keeps it). */
	public boolean usesSmtp() {
		return sender.getIfAvailable() != null;
	}

	/** The mails to {@code recipient} waiting for the SMTP server, oldest first. */
	public List<QueuedMail> waitingFor(String recipient) {
		return queue.forRecipient(recipient).stream().map(queued -> new QueuedMail(queued.id(),
				queued.mail().subject(), queued.mail().body(), queued.queuedAt())).toList();
	}

	/** Deletes the mails to {@code recipient} waiting for the SMTP server and destroys their keys; returns how many. */
	public int forgetWaitingFor(String recipient) {
		return queue.removeForRecipient(recipient);
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
	public int deleteOutboxBefore(Instant cutoff) {
		return outbox.deleteBefore(cutoff);
	}

	private static void afterCommit(Runnable action) {
		if (TransactionSynchronizationManager.isSynchronizationActive()) {
			TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
				@Override
				public void afterCommit() {
					action.run();
				}
			});
		}
		else {
			action.run();
		}
	}
}
