package eu.pledge.shared;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailSendException;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Sends the queued mail, on one thread of its own per node: a mail is woken right after the commit that queued it,
 * and every {@code pledge.mail.poll-interval} the mail due for another attempt is taken up. Each mail is claimed
 * before it is sent, so two nodes never send the same one in normal operation; a node that dies mid-send lets its
 * claim lapse and another sends the mail again (at least once, never lost). A failure waits
 * {@code retry-first}, doubling up to {@code retry-max}; the last attempt comes when {@code give-up-after} has
 * passed, and its failure deletes the mail and logs one ERROR line (subject and id, never the recipient), which the error tracker turns into an
 * alert.
 */
@Component
class MailDelivery {

	private static final Logger log = LoggerFactory.getLogger(MailDelivery.class);
	private static final int BATCH = 100;

	private final MailQueue queue;
	private final ObjectProvider<JavaMailSender> sender;
	private final MailProperties properties;
	private final Clock clock;
	private final TransactionTemplate transaction;
	private final ExecutorService thread = Executors.newSingleThreadExecutor(runnable -> {
		Thread worker = new Thread(runnable, "pledge-mail");
		worker.setDaemon(true);
		return worker;
	});
	private final AtomicBoolean pollWaiting = new AtomicBoolean();
	private final AtomicLong waiting = new AtomicLong();
	private final AtomicLong oldestMillis = new AtomicLong(-1);

	MailDelivery(MailQueue queue, ObjectProvider<JavaMailSender> sender, MailProperties properties, Clock clock,
			PlatformTransactionManager transactions, ObjectProvider<MeterRegistry> meters) {
		this.queue = queue;
		this.sender = sender;
		this.properties = properties;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
		sender.ifAvailable(smtp -> boundWaits(smtp, properties.smtpTimeout()));
		meters.ifAvailable(registry -> {
			Gauge.builder("pledge.mail.waiting", waiting, AtomicLong::get)
					.description("Mails queued and not yet sent (as of this node's last poll)").register(registry);
			Gauge.builder("pledge.mail.oldest.age", this, MailDelivery::oldestAgeSeconds).baseUnit("seconds")
					.description("How long the oldest waiting mail has waited (as of this node's last poll)")
					.register(registry);
		});
	}

	/** After the commit that queued it: try the mail now, whatever the clock says is due. */
	void wake(UUID id) {
		submit(() -> attempt(id));
	}

	@Scheduled(fixedDelayString = "${pledge.mail.poll-interval:10s}", initialDelayString = "${pledge.mail.poll-interval:10s}")
	void poll() {
		if (pollWaiting.compareAndSet(false, true)) {
			submit(() -> {
				pollWaiting.set(false);
				deliverDue();
			});
		}
	}

	/** Attempts every mail due now that no node holds; on the caller's thread. Returns how many were attempted. */
	int deliverDue() {
		MailQueue.Statistics statistics = queue.statistics();
		waiting.set(statistics.waiting());
		oldestMillis.set(statistics.oldest() == null ? -1 : statistics.oldest().toEpochMilli());
		if (statistics.waiting() == 0) {
			return 0;
		}
		List<UUID> due = queue.due(clock.instant(), BATCH);
		int attempted = 0;
		for (UUID id : due) {
			if (attempt(id)) {
				attempted++;
			}
		}
		return attempted;
	}

	/** Claims, sends and deletes one mail; false when another node holds it or it is gone. */
	boolean attempt(UUID id) {
		Instant now = clock.instant();
		if (!queue.claim(id, now, now.plus(properties.claimLease()))) {
			return false;
		}
		MailQueue.Queued queued = queue.find(id).orElse(null);
		if (queued == null) {
			return false;
		}
		JavaMailSender smtp = sender.getIfAvailable();
		try {
			if (smtp == null) {
				throw new IllegalStateException("No SMTP server configured on this node");
			}
			smtp.send(message(queued.mail()));
		}
		catch (RuntimeException failure) {
			failed(queued, errorName(failure));
			return true;
		}
		transaction.executeWithoutResult(status -> queue.remove(id));
		return true;
	}

	private void failed(MailQueue.Queued queued, String error) {
		Instant now = clock.instant();
		int attempts = queued.attempts() + 1;
		Duration waited = Duration.between(queued.queuedAt(), now);
		if (waited.compareTo(properties.giveUpAfter()) >= 0) {
			transaction.executeWithoutResult(status -> queue.remove(queued.id()));
			// The one line that reports a lost mail; the error tracker captures it. Never the recipient.
			log.error("Mail '{}' ({}) given up after {} attempts over {}: last error {}", queued.mail().subject(),
					queued.id(), attempts, waited.withNanos(0), error);
			return;
		}
		// The last attempt comes when give-up-after has passed, not up to retry-max later.
		Instant deadline = queued.queuedAt().plus(properties.giveUpAfter());
		Instant next = now.plus(properties.retryAfter(attempts));
		next = next.isAfter(deadline) ? deadline : next;
		queue.failed(queued.id(), attempts, error, next);
		log.warn("Mail {} not sent (attempt {}: {}); next attempt at {}", queued.id(), attempts, error, next);
	}

	private SimpleMailMessage message(Mail mail) {
		SimpleMailMessage message = new SimpleMailMessage();
		message.setFrom(properties.from());
		message.setTo(mail.to());
		message.setSubject(mail.subject());
		message.setText(mail.body());
		return message;
	}

	/**
	 * The classes of the failure and of its root cause (e.g. {@code MailSendException: ConnectException}), never a
	 * message: an SMTP server's answer may quote the address.
	 */
	static String errorName(Throwable failure) {
		Throwable cause = failure;
		if (failure instanceof MailSendException send && !send.getFailedMessages().isEmpty()) {
			cause = send.getFailedMessages().values().iterator().next();
		}
		while (cause.getCause() != null && cause.getCause() != cause) {
			cause = cause.getCause();
		}
		String name = failure.getClass().getSimpleName();
		return cause == failure ? name : name + ": " + cause.getClass().getSimpleName();
	}

	/**
	 * JavaMail waits forever for a silent server by default: the one mail thread would hang and outlive its claim.
	 * Settings given in {@code spring.mail.properties} win.
	 */
	private static void boundWaits(JavaMailSender smtp, Duration timeout) {
		if (smtp instanceof JavaMailSenderImpl impl) {
			Properties settings = impl.getJavaMailProperties();
			String prefix = "mail." + (impl.getProtocol() == null ? "smtp" : impl.getProtocol()) + ".";
			String millis = Long.toString(timeout.toMillis());
			for (String name : List.of("connectiontimeout", "timeout", "writetimeout")) {
				settings.putIfAbsent(prefix + name, millis);
			}
		}
	}

	private double oldestAgeSeconds() {
		long oldest = oldestMillis.get();
		return oldest < 0 ? 0 : Math.max(0, clock.millis() - oldest) / 1000.0;
	}

	private void submit(Runnable task) {
		try {
			thread.execute(() -> {
				try {
					task.run();
				}
				catch (RuntimeException failure) {
					// e.g. the database briefly unreachable: the mail stays queued and a later poll takes it up
					log.warn("Mail delivery interrupted: {}", errorName(failure));
				}
			});
		}
		catch (RejectedExecutionException stopping) {
			// shutting down: what is queued stays queued, for this node's next start or another node
		}
	}

	@jakarta.annotation.PreDestroy
	void stop() throws InterruptedException {
		thread.shutdown();
		if (!thread.awaitTermination(10, TimeUnit.SECONDS)) {
			thread.shutdownNow();
		}
	}
}
