package eu.pledge.privacy.rights;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ConfirmationLimits;
import eu.pledge.privacy.spi.ContactAddresses;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Mail;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.PledgeProperties;

/**
 * The confirmations of rights actions. None is sent while the account is restricted, except the confirmation
 * of the restriction itself (the person's proof that processing stopped; the last mail until it ends).
 */
@Component
public class RightsMails {

	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC);
	private static final String RESTRICTED = """
			SELECT COUNT(*) FROM privacy_restrictions
			WHERE account_id = :id AND (restricted_until IS NULL OR restricted_until > :now)""";

	private final Mailer mailer;
	private final ObjectProvider<ContactAddresses> addresses;
	private final ObjectProvider<ConfirmationLimits> limits;
	private final PledgeProperties pledge;
	private final JdbcClient jdbc;
	private final java.time.Clock clock;

	RightsMails(Mailer mailer, ObjectProvider<ContactAddresses> addresses, ObjectProvider<ConfirmationLimits> limits,
			PledgeProperties pledge, JdbcClient jdbc, java.time.Clock clock) {
		this.mailer = mailer;
		this.addresses = addresses;
		this.limits = limits;
		this.pledge = pledge;
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/**
	 * At most once a minute per person (forty downloads at once confirm once): the mail is there to tell someone
	 * who did not export that someone did, and one a minute still does.
	 */
	void exported(AccountId account) {
		ConfirmationLimits limit = limits.getIfAvailable();
		if (restricted(account) || (limit != null && !limit.mayConfirm("exported", account))) {
			return;
		}
		send(account, "Your data was exported", """
				You downloaded the export of all data Pledge holds about you. If this was not you, change your
				password now: %s""".formatted(pledge.link("/account/security")));
	}

	public void restricted(AccountId account, Instant until) {
		send(account, "Processing of your data is restricted", """
				As you asked, Pledge keeps your data but no longer processes it %s: you get no more mail from us,
				and no access to our other systems. You can still sign in to see, export or erase your data, or to
				lift the restriction: %s

				This is the last mail until the restriction ends.""".formatted(
				until == null ? "until you lift the restriction" : "until " + DAY.format(until),
				pledge.link("/account/data")));
	}

	public void lifted(AccountId account, boolean expired) {
		unlessRestricted(account, "Processing of your data is no longer restricted", (expired
				? "The restriction of processing you asked for has ended on the date you chose."
				: "You lifted the restriction of processing.")
				+ " Pledge processes your data again as its privacy notice describes: " + pledge.link("/account/data"));
	}

	/** The address must be read before the erasure; the mail leaves after commit, and is kept nowhere. */
	void erased(String email) {
		mailer.send(new Mail(email, "Your account was erased", """
				Your Pledge account and every piece of personal data it held were erased, as you asked. The
				audit trail keeps only a note, without any way back to you, that an account was erased.
				This is the last mail you get from us."""));
	}

	java.util.Optional<String> addressForErasure(AccountId account) {
		return restricted(account) ? java.util.Optional.empty() : email(account);
	}

	private void unlessRestricted(AccountId account, String subject, String body) {
		if (!restricted(account)) {
			send(account, subject, body);
		}
	}

	private void send(AccountId account, String subject, String body) {
		email(account).ifPresent(to -> mailer.send(new Mail(to, subject, body)));
	}

	private java.util.Optional<String> email(AccountId account) {
		ContactAddresses directory = addresses.getIfAvailable();
		return directory == null ? java.util.Optional.empty() : directory.emailOf(account);
	}

	private boolean restricted(AccountId account) {
		return jdbc.sql(RESTRICTED).param("id", account.value())
				.param("now", java.sql.Timestamp.from(clock.instant())).query(Long.class).single() > 0;
	}
}
