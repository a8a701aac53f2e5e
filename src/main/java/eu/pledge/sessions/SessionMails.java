package eu.pledge.sessions;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import eu.pledge.accounts.Accounts;
import eu.pledge.privacy.Restrictions;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Mail;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.PledgeProperties;

/**
 * The mails the sessions module sends, to the account's verified address. While the account's processing is
 * restricted (privacy) the notices of what Secure Patrol did are not sent; the sign-in code is, as the person
 * asks for it at that moment and could not sign in without it.
 */
@Component
class SessionMails {

	private static final Logger log = LoggerFactory.getLogger(SessionMails.class);

	private final Mailer mailer;
	private final Accounts accounts;
	private final PledgeProperties pledge;
	private final ObjectProvider<Restrictions> restrictions;

	SessionMails(Mailer mailer, Accounts accounts, PledgeProperties pledge, ObjectProvider<Restrictions> restrictions) {
		this.mailer = mailer;
		this.accounts = accounts;
		this.pledge = pledge;
		this.restrictions = restrictions;
	}

	void sessionsEnded(AccountId account, int ended) {
		notice(account, "We ended your Pledge sessions", """
				Our security monitoring saw signs of an attack on your account, so we signed you out %s.

				If this was not you, change your password now (and consider turning on the second factor):

				%s

				If it was you, sign in again; nothing else changed.""".formatted(
				ended == 1 ? "of one session" : "of all your sessions (" + ended + ")",
				pledge.link("/account/security")));
	}

	void stepUpRequired(AccountId account, Instant until) {
		notice(account, "Your next sign-ins need a second step", """
				Our security monitoring saw repeated failed attempts to sign in to your account. Until %s UTC every
				sign-in to it needs a second step: the code from your authenticator app, or, if you have none, a
				one-time code we mail to this address. Your password alone is not enough during that time.

				If the failed attempts were not yours, change your password:

				%s""".formatted(until.truncatedTo(ChronoUnit.MINUTES).toString().replace('T', ' ').replace("Z", ""),
				pledge.link("/account/security")));
	}

	void signInCode(AccountId account, String code) {
		email(account).ifPresent(to -> mailer.send(new Mail(to, "Your Pledge sign-in code", """
				Your sign-in code is: %s

				It is valid for 10 minutes and only once. We ask for it because our security monitoring saw failed
				attempts to sign in to your account. If you did not just sign in, someone knows your password:
				change it now at %s""".formatted(code, pledge.link("/password-reset")))));
	}

	private void notice(AccountId account, String subject, String body) {
		Restrictions check = restrictions.getIfAvailable();
		if (check != null && check.isRestricted(account)) {
			return;
		}
		email(account).ifPresent(to -> mailer.send(new Mail(to, subject, body)));
	}

	private java.util.Optional<String> email(AccountId account) {
		try {
			return java.util.Optional.ofNullable(accounts.profile(account).email());
		}
		catch (RuntimeException ex) { // erased meanwhile
			log.info("Account {} could not be mailed ({})", account, ex.getClass().getSimpleName());
			return java.util.Optional.empty();
		}
	}
}
