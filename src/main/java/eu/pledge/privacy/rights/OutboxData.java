package eu.pledge.privacy.rights;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ContactAddresses;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.MailProperties;
import eu.pledge.shared.Mailer;

/**
 * Mail kept in the database holds recipients' email addresses and bodies with names in them: identity data, found
 * by the person's current email address. Two stores: the queue of mail waiting for the SMTP server (sealed under a
 * key per mail, found by a keyed hash of the address, deleted when sent or given up after
 * {@code pledge.mail.give-up-after}, 2 days by default), and the development outbox (no SMTP configured), which
 * keeps mail at most {@code pledge.mail.outbox-retention} (7 days by default). It runs first among the identity
 * holders, while the address can still be read.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OutboxData implements PersonalDataHolder, RetentionRule {

	private final Mailer mailer;
	private final ObjectProvider<ContactAddresses> addresses;
	private final MailProperties properties;

	OutboxData(Mailer mailer, ObjectProvider<ContactAddresses> addresses, MailProperties properties) {
		this.mailer = mailer;
		this.addresses = addresses;
		this.properties = properties;
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("identity", "table:mail_queue", properties.giveUpAfter()),
				new DataStore("identity", "table:dev_outbox", properties.outboxRetention()));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return emailOf(account).stream().flatMap(email -> Stream.concat(
				mailer.waitingFor(email).stream().map(mail -> new HeldItem("identity", "queued-mail",
						new QueuedMail(mail.subject(), mail.body(), mail.queuedAt()),
						mail.queuedAt().plus(properties.giveUpAfter()))),
				mailer.outboxFor(email).stream().map(mail -> new HeldItem("identity", "outbox-mail",
						new OutboxMail(mail.subject(), mail.body()), null))))
				.toList();
	}

	@Override
	public void erase(AccountId account) {
		emailOf(account).ifPresent(email -> {
			mailer.forgetWaitingFor(email);
			mailer.forgetOutboxFor(email);
		});
	}

	@Override
	public String name() {
		return "outbox-mail";
	}

	@Override
	public String category() {
		return "identity";
	}

	/** The development outbox only: the delivery thread deletes queued mail it gives up. */
	@Override
	public long sweep(Instant now) {
		return mailer.deleteOutboxBefore(now.minus(properties.outboxRetention()));
	}

	private Optional<String> emailOf(AccountId account) {
		ContactAddresses source = addresses.getIfAvailable();
		return source == null ? Optional.empty() : source.emailOf(account);
	}

	/** A mail to the person waiting for the SMTP server; sent, or given up, by {@code deletedBy} at the latest. */
	record QueuedMail(String subject, String body, Instant queuedAt) {

		@Override
		public String toString() {
			return "QueuedMail[subject=" + subject + "]";
		}
	}

	/** A mail to the person kept in the development outbox. */
	record OutboxMail(String subject, String body) {

		@Override
		public String toString() {
			return "OutboxMail[subject=" + subject + "]";
		}
	}
}
