package eu.pledge.privacy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ContactAddresses;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Mailer;

/**
 * The development outbox (mail kept in the database while no SMTP server is configured) holds recipients' email
 * addresses and mail bodies with names in them: identity data, found by the person's current email address. It
 * runs first among the identity holders, while that address can still be read, and keeps mail at most
 * {@code pledge.mail.outbox-retention} (7 days by default).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class OutboxData implements PersonalDataHolder, RetentionRule {

	private final Mailer mailer;
	private final ObjectProvider<ContactAddresses> addresses;
	private final Duration retention;

	OutboxData(Mailer mailer, ObjectProvider<ContactAddresses> addresses,
			@Value("${pledge.mail.outbox-retention:7d}") Duration retention) {
		if (retention.isNegative() || retention.isZero()) {
			throw new IllegalArgumentException("pledge.mail.outbox-retention must be positive");
		}
		this.mailer = mailer;
		this.addresses = addresses;
		this.retention = retention;
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("identity", "table:dev_outbox", retention));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return emailOf(account).stream().flatMap(email -> mailer.outboxFor(email).stream())
				.map(mail -> new HeldItem("identity", "outbox-mail", new OutboxMail(mail.subject(), mail.body()), null))
				.toList();
	}

	@Override
	public void erase(AccountId account) {
		emailOf(account).ifPresent(mailer::forgetOutboxFor);
	}

	@Override
	public String name() {
		return "outbox-mail";
	}

	@Override
	public String category() {
		return "identity";
	}

	@Override
	public long sweep(Instant now) {
		return mailer.deleteOutboxBefore(now.minus(retention));
	}

	private java.util.Optional<String> emailOf(AccountId account) {
		ContactAddresses source = addresses.getIfAvailable();
		return source == null ? java.util.Optional.empty() : source.emailOf(account);
	}

	/** A mail to the person kept in the development outbox. */
	record OutboxMail(String subject, String body) {

		@Override
		public String toString() {
			return "OutboxMail[subject=" + subject + "]";
		}
	}
}
