package eu.pledge.accounts;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.Restrictions;
import eu.pledge.shared.AccountId;

import eu.pledge.shared.Mail;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.PledgeProperties;

/**
 * The wording of every mail the accounts module sends, in one place. While the account's processing is
 * restricted (privacy) only the mails the person asks for at that moment leave: a verification, email-change
 * or password-reset link, without which they could not sign in to lift the restriction. Notices (password
 * changed, second factor, email change, correction, someone registering with the address) are not sent.
 */
@Component
class AccountMails {

	/** At most one mail of a kind a minute to one account, whatever asks for it (one is plenty; more fills a mailbox). */
	static final java.time.Duration MAIL_INTERVAL = java.time.Duration.ofMinutes(1);

	private final Mailer mailer;
	private final PledgeProperties pledge;
	private final ObjectProvider<Restrictions> restrictions;

	AccountMails(Mailer mailer, PledgeProperties pledge, ObjectProvider<Restrictions> restrictions) {
		this.mailer = mailer;
		this.pledge = pledge;
		this.restrictions = restrictions;
	}

	private boolean restricted(AccountId account) {
		Restrictions check = restrictions.getIfAvailable();
		return account != null && check != null && check.isRestricted(account);
	}

	void verification(String to, String token) {
		send(to, "Confirm your email address", """
				Welcome to Pledge.

				Please confirm that this is your email address by opening this link (valid for 24 hours):

				%s

				If you did not create an account, ignore this mail: without confirmation the registration is
				deleted after 7 days.""".formatted(pledge.link("/verify?token=" + token)));
	}

	void alreadyRegistered(AccountId account, String to) {
		if (restricted(account)) {
			return;
		}
		send(to, "Someone tried to register with your email address", """
				Someone tried to create a Pledge account with this email address, which already has one.
				Nothing was changed. If it was you, sign in instead; if you forgot your password, reset it here:

				%s""".formatted(pledge.link("/password-reset")));
	}

	void emailChange(String to, String token) {
		send(to, "Confirm your new email address", """
				You asked to use this address for your Pledge account. Confirm it by opening this link
				(valid for 24 hours):

				%s

				Until you confirm, your old address stays in use.""".formatted(pledge.link("/email/confirm?token=" + token)));
	}

	void emailChangeRequested(AccountId account, String to) {
		if (restricted(account)) {
			return;
		}
		send(to, "Your email address is about to change", """
				Someone signed in to your Pledge account asked to change its email address. The change takes
				effect only when the new address is confirmed. If this was not you, reset your password now:

				%s""".formatted(pledge.link("/password-reset")));
	}

	void emailChanged(AccountId account, String to) {
		if (restricted(account)) {
			return;
		}
		send(to, "Your email address was changed", """
				The email address of your Pledge account was changed; this address is no longer used for it.
				If this was not you, contact us through the contact form on our website.""");
	}

	void passwordReset(String to, String token) {
		send(to, "Reset your password", """
				Someone asked to reset the password of your Pledge account. If it was you, open this link
				(valid for 30 minutes, usable once) and choose a new password:

				%s

				Resetting signs you out everywhere. If it was not you, ignore this mail.""".formatted(pledge.link("/password-reset/confirm?token=" + token)));
	}

	void passwordChanged(AccountId account, String to) {
		if (restricted(account)) {
			return;
		}
		send(to, "Your password was changed", """
				The password of your Pledge account was just changed. If this was not you, reset it now:

				%s""".formatted(pledge.link("/password-reset")));
	}

	void secondFactorChanged(AccountId account, String to, boolean enabled) {
		if (restricted(account)) {
			return;
		}
		send(to, enabled ? "Two-step sign-in is on" : "Two-step sign-in was turned off", (enabled
				? "Your Pledge account now asks for a code from your authenticator app at sign-in."
				: "Your Pledge account no longer asks for a code at sign-in.")
				+ "\nIf this was not you, reset your password now: " + pledge.link("/password-reset"));
	}

	void recoveryCodesRenewed(AccountId account, String to) {
		if (restricted(account)) {
			return;
		}
		send(to, "New recovery codes", "New recovery codes were made for your Pledge account; the old ones no longer "
				+ "work.\nIf this was not you, reset your password now: " + pledge.link("/password-reset"));
	}

	void profileCorrected(AccountId account, String to) {
		if (restricted(account)) {
			return;
		}
		send(to, "Your profile was corrected", """
				The name or postal address of your Pledge account was corrected. See everything we hold about you:

				%s

				If this was not you, reset your password now: %s""".formatted(pledge.link("/account/data"),
				pledge.link("/password-reset")));
	}

	void preferencesChanged(AccountId account, String to) {
		if (restricted(account)) {
			return;
		}
		send(to, "Your preferences were changed", """
				The preferences of your Pledge account (home page, time zone) were changed. See everything we hold
				about you: %s""".formatted(pledge.link("/account/data")));
	}

	/*
	 * What an administrator did to the account is told even while processing is restricted: the person could not
	 * otherwise learn why they cannot sign in, or that their second factor is off.
	 */
	void disabled(String to) {
		send(to, "Your Pledge account was disabled", """
				A platform administrator disabled your Pledge account: you cannot sign in, and your sessions and
				sign-ins to the vendor's systems have ended. Nothing was deleted. If you think this is a mistake,
				contact us through the contact form on our website.""");
	}

	void enabled(String to) {
		send(to, "Your Pledge account was enabled again", """
				A platform administrator enabled your Pledge account again: you can sign in as before.

				%s""".formatted(pledge.link("/login")));
	}

	void secondFactorReset(String to) {
		send(to, "Two-step sign-in was turned off by an administrator", """
				A platform administrator turned off two-step sign-in for your Pledge account, usually because you
				lost your authenticator. Your recovery codes no longer work. Sign in with your password and set it
				up again: %s

				If you did not ask for this, reset your password now: %s""".formatted(pledge.link("/account/security"),
				pledge.link("/password-reset")));
	}

	private void send(String to, String subject, String body) {
		mailer.send(new Mail(to, subject, body));
	}
}
