package eu.pledge.access;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import org.springframework.stereotype.Component;

import eu.pledge.accounts.Accounts;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Mail;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.PledgeProperties;

/** The wording of the mail that tells a person who is no longer a customer when their data will be destroyed. */
@Component
class NonCustomerMails {

	static final String SUBJECT = "Your Pledge data will be destroyed on ";
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("d MMMM uuuu").withZone(ZoneOffset.UTC);
	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC);

	private final Mailer mailer;
	private final Accounts accounts;
	private final PledgeProperties pledge;

	NonCustomerMails(Mailer mailer, Accounts accounts, PledgeProperties pledge) {
		this.mailer = mailer;
		this.accounts = accounts;
		this.pledge = pledge;
	}

	/** Queued in the caller's transaction: it leaves only if the claim to tell the person commits. */
	void notice(AccountId account, Departure.Scheduled scheduled) {
		mailer.send(new Mail(accounts.profile(account).email(), SUBJECT + DAY.format(scheduled.destroyAt()), """
				We keep your data only as long as you are a customer, and your account no longer is one: it %s.

				On %s we will destroy all data we hold about you (your account, profile, memberships, sessions
				and everything else listed on your data page), exactly as if you erased your account yourself.

				To keep a copy, download your data before then (one JSON file, free):
				%s

				If you join an organisation with a contract, or your organisation's contract is renewed, before
				that date, nothing is destroyed and this notice no longer applies. You can see the date on your
				data page at any time:
				%s""".formatted(scheduled.departure().reason().words(), WHEN.format(scheduled.destroyAt()),
				pledge.link("/api/v1/me/export"), pledge.link("/account/data"))));
	}
}
