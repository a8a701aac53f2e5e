package eu.pledge.accounts;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Vault;

/**
 * What a platform administrator may do to another account from the console: disable and enable it, make or
 * remove a platform administrator (the last one stays), mail a new verification link, turn two-step sign-in off
 * after re-entering their own password. The caller has checked that {@code admin} is a platform administrator.
 * Each action is a compare-and-set or runs under row locks, so the same request forty times at once acts once.
 */
@Service
@Transactional
public class AccountAdministration {

	static final String ADMIN = "ADMIN";

	private final AccountRepository accounts;
	private final AccountTokens tokens;
	private final AccountMails mails;
	private final CurrentPasswords currentPasswords;
	private final AccountsProperties properties;
	private final Vault vault;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate afterCheck;

	AccountAdministration(AccountRepository accounts, AccountTokens tokens, AccountMails mails,
			CurrentPasswords currentPasswords, AccountsProperties properties, Vault vault, Clock clock,
			ApplicationEventPublisher events, PlatformTransactionManager transactions) {
		this.afterCheck = new TransactionTemplate(transactions);
		this.accounts = accounts;
		this.tokens = tokens;
		this.mails = mails;
		this.currentPasswords = currentPasswords;
		this.properties = properties;
		this.vault = vault;
		this.clock = clock;
		this.events = events;
	}

	/** Records that {@code admin} looked at the account's data; the person sees it in their activity. */
	public void viewed(AccountId admin, AccountId account) {
		events.publishEvent(new AccountViewed(account, admin, clock.instant()));
	}

	/**
	 * Disables the account: no sign-in by password, second factor, recovery code or reset link; its links are void,
	 * its sessions and single sign-ons end ({@link AccountDisabled}, synchronously for the sessions). An
	 * administrator must lose the role first, so the last administrator can never be disabled.
	 */
	public void disable(AccountId admin, AccountId account) {
		StoredAccount target = load(account);
		if (account.equals(admin)) {
			throw new Rejected(HttpStatus.CONFLICT, "You cannot disable your own account.");
		}
		if (target.roleSet().contains(ADMIN)) {
			throw new Rejected(HttpStatus.CONFLICT,
					"This account is a platform administrator. Remove the administrator role first, then disable it.");
		}
		if (accounts.disable(account.value(), clock.instant())) {
			tokens.revokeAfterCredentialChange(account.value());
			events.publishEvent(new AccountDisabled(account, admin, clock.instant()));
			mails.disabled(email(target));
		}
	}

	public void enable(AccountId admin, AccountId account) {
		StoredAccount target = load(account);
		if (accounts.enable(account.value(), clock.instant())) {
			events.publishEvent(new AccountEnabled(account, admin, clock.instant()));
			mails.enabled(email(target));
		}
	}

	public void makeAdministrator(AccountId admin, AccountId account) {
		StoredAccount target = accounts.lock(account.value()).orElseThrow(Accounts::gone);
		if (target.disabled()) {
			throw new Rejected(HttpStatus.CONFLICT, "Enable the account first.");
		}
		if (!target.verified()) {
			throw new Rejected(HttpStatus.CONFLICT, "The account's email address is not confirmed yet.");
		}
		Set<String> roles = new LinkedHashSet<>(target.roleSet());
		if (roles.add(ADMIN)) {
			accounts.updateRoles(account.value(), String.join(",", roles), clock.instant());
			events.publishEvent(new AdministratorGranted(account, admin, clock.instant()));
		}
	}

	/** Removes the role unless it is the last administrator's: every administrator row is locked while counting. */
	public void removeAdministrator(AccountId admin, AccountId account) {
		List<java.util.UUID> administrators = accounts.lockAdministrators();
		if (!administrators.contains(account.value())) {
			load(account);
			return;
		}
		if (administrators.size() <= 1) {
			throw new Rejected(HttpStatus.CONFLICT,
					"This is the last platform administrator. Make another account an administrator first.");
		}
		StoredAccount target = load(account);
		Set<String> roles = new LinkedHashSet<>(target.roleSet());
		roles.remove(ADMIN);
		accounts.updateRoles(account.value(), String.join(",", roles), clock.instant());
		events.publishEvent(new AdministratorRevoked(account, admin, clock.instant()));
	}

	/** Mails a new verification link to an unconfirmed account, at most one a minute. */
	public void resendVerification(AccountId admin, AccountId account) {
		// The account's row is locked first: forty resends at once are one after another, and all but the first find
		// the link it mailed (a check, then a write, is not one step).
		StoredAccount target = accounts.lock(account.value()).orElseThrow(Accounts::gone);
		if (target.verified()) {
			throw new Rejected(HttpStatus.CONFLICT, "This account's email address is already confirmed.");
		}
		if (tokens.issuedWithin(account.value(), AccountTokens.Purpose.VERIFY_EMAIL, AccountMails.MAIL_INTERVAL)) {
			throw Rejected.tooMany("A link was mailed less than a minute ago. Wait a moment before sending another.", 60);
		}
		mails.verification(email(target), tokens.issue(account.value(), AccountTokens.Purpose.VERIFY_EMAIL, null,
				properties.verificationLinkValidity()));
		events.publishEvent(new VerificationResent(account, admin, clock.instant()));
	}

	/**
	 * Turns the account's two-step sign-in off (the person lost their authenticator) after checking the
	 * administrator's own password, counted like a sign-in attempt. The person is mailed.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED) // the password is checked outside any (CurrentPasswords)
	public void resetSecondFactor(AccountId admin, String adminPassword, AccountId account) {
		StoredAccount self = load(admin);
		currentPasswords.check(self, adminPassword, "password", "Your password is not correct.");
		afterCheck.executeWithoutResult(status -> {
			StoredAccount target = accounts.lock(account.value()).orElseThrow(Accounts::gone);
			if (!target.secondFactor() && target.totpPendingSecret() == null) {
				return;
			}
			accounts.updateTotp(account.value(), null, null, null, clock.instant());
			accounts.replaceRecoveryCodes(account.value(), List.of());
			if (target.secondFactor()) {
				events.publishEvent(new SecondFactorReset(account, admin, clock.instant()));
				mails.secondFactorReset(email(target));
			}
		});
	}

	private StoredAccount load(AccountId id) {
		return accounts.find(id.value()).orElseThrow(Accounts::gone);
	}

	private String email(StoredAccount account) {
		return vault.open(account.accountId(), "email", account.email());
	}
}
