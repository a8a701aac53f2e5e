package eu.pledge.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.protection.RateLimits;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Vault;

/**
 * Passwords and the second factor: checking them at sign-in, changing, resetting by mail, enrolling TOTP
 * with recovery codes. Every failed check costs one Argon2id verification, found account or not.
 */
@Service
@Transactional
public class Credentials {

	private static final int RECOVERY_CODES = 10;
	private static final int TOTP_DRIFT_STEPS = 1;
	/** How long a started TOTP set-up is shown again by a new start rather than replaced. */
	static final Duration TOTP_SET_UP_KEPT = Duration.ofMinutes(10);

	private final AccountRepository accounts;
	private final AccountTokens tokens;
	private final AccountMails mails;
	private final PasswordPolicy policy;
	private final PasswordHasher hasher;
	private final CurrentPasswords currentPasswords;
	private final PasswordProperties passwordProperties;
	private final AccountsProperties properties;
	private final Vault vault;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final TransactionTemplate afterCheck;
	private final RateLimits rateLimits;
	private final RateLimits.Bucket resetLinks;

	Credentials(AccountRepository accounts, AccountTokens tokens, AccountMails mails, PasswordPolicy policy,
			PasswordHasher hasher, PasswordProperties passwordProperties, AccountsProperties properties, Vault vault,
			Clock clock, ApplicationEventPublisher events, CurrentPasswords currentPasswords,
			PlatformTransactionManager transactions, RateLimits rateLimits) {
		this.afterCheck = new TransactionTemplate(transactions);
		this.rateLimits = rateLimits;
		this.resetLinks = rateLimits.bucket(new RateLimits.Bucket("reset-mails", RateLimits.Scope.CLUSTER,
				RateLimits.Keys.OPAQUE, 1, AccountMails.MAIL_INTERVAL, false));
		this.currentPasswords = currentPasswords;
		this.accounts = accounts;
		this.tokens = tokens;
		this.mails = mails;
		this.policy = policy;
		this.hasher = hasher;
		this.passwordProperties = passwordProperties;
		this.properties = properties;
		this.vault = vault;
		this.clock = clock;
		this.events = events;
	}

	/** Checks an email and password at sign-in; upgrades the stored hash when the cost settings changed. */
	public CredentialCheck check(String email, String password) {
		String candidate = password == null || password.length() > passwordProperties.maxLength() * 4 ? "" : password;
		Optional<StoredAccount> found = accounts.findByEmailIndex(vault.blindIndex(EmailAddresses.normalize(email)));
		if (found.isEmpty()) {
			hasher.burnOneVerification(candidate);
			return new CredentialCheck(CredentialCheck.Outcome.UNKNOWN_ACCOUNT, null, false, Set.of());
		}
		StoredAccount account = found.get();
		if (!hasher.matches(candidate, account.passwordHash())) {
			return new CredentialCheck(CredentialCheck.Outcome.WRONG_PASSWORD, account.accountId(), false, Set.of());
		}
		if (!account.verified()) {
			return new CredentialCheck(CredentialCheck.Outcome.UNVERIFIED, account.accountId(), false, Set.of());
		}
		if (account.disabled()) {
			return new CredentialCheck(CredentialCheck.Outcome.DISABLED, account.accountId(), false, Set.of());
		}
		if (hasher.needsUpgrade(account.passwordHash())) {
			accounts.updatePassword(account.id(), hasher.hash(candidate), clock.instant());
		}
		return new CredentialCheck(CredentialCheck.Outcome.VALID, account.accountId(), account.secondFactor(),
				account.roleSet());
	}

	/** The roles an account holds now (they may change while a session lives); none while it is disabled. */
	@Transactional(readOnly = true)
	public Set<String> roles(AccountId id) {
		return accounts.find(id.value()).filter(account -> !account.disabled()).map(StoredAccount::roleSet)
				.orElse(Set.of());
	}

	/** Whether an administrator disabled the account (an erased one is as good as disabled). */
	@Transactional(readOnly = true)
	public boolean disabled(AccountId id) {
		return accounts.find(id.value()).map(StoredAccount::disabled).orElse(true);
	}

	/** Whether the account is an (enabled) platform administrator without a second factor: one query. */
	@Transactional(readOnly = true)
	boolean administratorWithoutSecondFactor(AccountId id) {
		return accounts.find(id.value()).filter(account -> !account.disabled() && !account.secondFactor())
				.map(account -> account.roleSet().contains(AccountAdministration.ADMIN)).orElse(false);
	}

	/** A sign-in completed (the console's "last sign-in"); called by the sign-in flow. */
	public void signedIn(AccountId id) {
		accounts.signedIn(id.value(), clock.instant());
	}

	/**
	 * Checks a TOTP code (each time step is accepted once) or spends a one-time recovery code.
	 */
	public boolean checkSecondFactor(AccountId id, String code) {
		StoredAccount account = accounts.find(id.value()).orElse(null);
		if (account == null || account.disabled() || account.totpSecret() == null || code == null || code.length() > 64) {
			return false;
		}
		String secret = vault.open(id, "totp_secret", account.totpSecret());
		OptionalLong step = Totp.matchingStep(secret, code, clock.instant(), TOTP_DRIFT_STEPS);
		if (step.isPresent()) {
			return accounts.advanceTotpStep(id.value(), step.getAsLong());
		}
		String normalized = RecoveryCodes.normalize(code);
		if (normalized.length() >= 10 && accounts.spendRecoveryCode(id.value(), RecoveryCodes.hash(normalized))) {
			events.publishEvent(new RecoveryCodeUsed(id, clock.instant()));
			return true;
		}
		return false;
	}

	/**
	 * Whether this refused code is the app's code of a time step already used (each is accepted once): the person
	 * typed the code they just used, and is told to wait for the next one rather than that it is wrong.
	 */
	@Transactional(readOnly = true)
	public boolean alreadyUsedCode(AccountId id, String code) {
		StoredAccount account = accounts.find(id.value()).orElse(null);
		if (account == null || account.totpSecret() == null || account.totpLastStep() == null || code == null
				|| code.length() > 64) {
			return false;
		}
		OptionalLong step = Totp.matchingStep(vault.open(id, "totp_secret", account.totpSecret()), code, clock.instant(),
				TOTP_DRIFT_STEPS);
		return step.isPresent() && step.getAsLong() <= account.totpLastStep();
	}

	/** Whether this refused code is one of the account's recovery codes, already spent (each works once). */
	@Transactional(readOnly = true)
	public boolean spentRecoveryCode(AccountId id, String code) {
		if (code == null || code.length() > 64) {
			return false;
		}
		String normalized = RecoveryCodes.normalize(code);
		return normalized.length() >= 10 && accounts.spentRecoveryCode(id.value(), RecoveryCodes.hash(normalized));
	}

	/** Changes the password; the current one is checked first, outside any transaction ({@link CurrentPasswords}). */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void changePassword(AccountId id, String currentPassword, String newPassword) {
		StoredAccount account = accounts.find(id.value()).orElseThrow(Credentials::gone);
		currentPasswords.check(account, currentPassword, "currentPassword", "Your current password is not correct.");
		if (currentPassword.equals(newPassword)) {
			throw Rejected.badRequest("newPassword", "This is already your password. Choose a new one.");
		}
		policy.check("newPassword", newPassword);
		String hash = hasher.hash(newPassword);
		afterCheck.executeWithoutResult(status -> {
			accounts.lockForCredentialChange(id.value());
			// The password checked above must still be the account's: of the same change sent twice at once (a double
			// click, tabs), one changes it and mails; the other, checked against the old password before that change
			// committed, is told so instead of changing it again.
			if (!accounts.find(id.value()).map(StoredAccount::passwordHash).orElse("").equals(account.passwordHash())) {
				throw new Rejected(org.springframework.http.HttpStatus.CONFLICT, "currentPassword",
						"Your password was just changed by another request (a double click?): the new one is in use.");
			}
			accounts.updatePassword(id.value(), hash, clock.instant());
			tokens.revokeAfterCredentialChange(id.value());
			mails.passwordChanged(id, vault.open(id, "email", account.email()));
			events.publishEvent(new PasswordChanged(id, PasswordChanged.How.CHANGED, clock.instant()));
		});
	}

	/**
	 * Mails a reset link if the address has an account; answers the same either way. At most one link a
	 * minute per account, so the form cannot be used to flood someone's mailbox.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void requestPasswordReset(String email) {
		String normalized = EmailAddresses.normalize(email);
		Optional<StoredAccount> found = accounts.findByEmailIndex(vault.blindIndex(normalized));
		// One link a minute per account, counted for all nodes in one statement (forty requests at once mail one)
		// and outside the transaction, as for registrations: a request is never dropped because some other
		// transaction holds the account's row (before, one that found the row held mailed nothing).
		boolean mail = found.filter(account -> !account.disabled())
			.map(account -> rateLimits.take(resetLinks, account.accountId().toString()).allowed()).orElse(false);
		afterCheck.executeWithoutResult(status -> {
			events.publishEvent(new AccountMailRequested(AccountMailRequested.Kind.PASSWORD_RESET,
					found.map(StoredAccount::accountId).orElse(null), clock.instant()));
			found.filter(account -> mail).ifPresent(account -> {
				mails.passwordReset(normalized, tokens.issue(account.id(), AccountTokens.Purpose.RESET_PASSWORD, null,
						properties.resetLinkValidity()));
				events.publishEvent(new PasswordResetRequested(account.accountId(), clock.instant()));
			});
		});
	}

	/**
	 * Sets a new password through a reset link. The password is checked before the link is spent, so a
	 * rejected password leaves the link usable. Opening the link also proves the address, so an unverified
	 * account becomes verified.
	 */
	/** Sets a new password with a reset link; returns the account's address (for the sign-in form). */
	public String resetPassword(String token, String newPassword) {
		policy.check("password", newPassword);
		AccountTokens.Spent spent = tokens.spend(token, AccountTokens.Purpose.RESET_PASSWORD)
				.orElseThrow(Accounts::invalidLink);
		AccountId id = new AccountId(spent.accountId());
		StoredAccount account = accounts.find(id.value()).orElseThrow(Credentials::gone);
		if (account.disabled()) {
			throw Accounts.invalidLink(); // its links were voided when it was disabled; a link issued in the same instant
		}
		accounts.updatePassword(id.value(), hasher.hash(newPassword), clock.instant());
		tokens.revokeAfterCredentialChange(id.value());
		if (accounts.activate(id.value(), clock.instant())) {
			events.publishEvent(new EmailVerified(id, clock.instant()));
		}
		// Whoever reads the mailbox may be the owner who lost every passkey: the password signs in again, and
		// the passkeys wait for the owner to confirm or remove them (docs/PASSKEYS.md, "Recovery").
		if (accounts.passkeyOnly(id.value(), false, clock.instant())) {
			events.publishEvent(new PasskeyOnlyChanged(id, false, clock.instant()));
		}
		accounts.passkeysUnconfirmed(id.value(), true);
		String email = vault.open(id, "email", account.email());
		mails.passwordChanged(id, email);
		events.publishEvent(new PasswordChanged(id, PasswordChanged.How.RESET, clock.instant()));
		return email;
	}

	/**
	 * Starts TOTP enrolment; the factor is active only after {@link #confirmTotp} with a valid code. Under the
	 * account's row: a start while a set-up begun less than {@link #TOTP_SET_UP_KEPT} ago is pending shows that
	 * set-up again, so forty starts at once (a double click, a client retrying, two tabs) answer one secret, the one
	 * that works, instead of forty of which only the last stored one would; a later start makes a new secret.
	 */
	public TotpEnrolment startTotp(AccountId id) {
		StoredAccount account = accounts.lock(id.value()).orElseThrow(Credentials::gone);
		if (account.secondFactor()) {
			throw new Rejected(org.springframework.http.HttpStatus.CONFLICT,
					"Two-step sign-in is already on. Turn it off first to set up a new device.");
		}
		Instant now = clock.instant();
		if (account.totpPendingSecret() != null && accounts.totpPendingAt(id.value())
			.filter(at -> at.isAfter(now.minus(TOTP_SET_UP_KEPT))).isPresent()) {
			return enrolment(id, account, vault.open(id, "totp_pending", account.totpPendingSecret()));
		}
		String secret = Totp.newSecret();
		accounts.startTotp(id.value(), vault.seal(id, "totp_pending", secret), now);
		return enrolment(id, account, secret);
	}

	/**
	 * The enrolment started and not yet confirmed, so a page can show its QR code again (after a mistyped
	 * code, or a reload) without replacing the secret the person may already have scanned.
	 */
	@Transactional(readOnly = true)
	public Optional<TotpEnrolment> pendingTotp(AccountId id) {
		return accounts.find(id.value()).filter(account -> account.totpPendingSecret() != null)
				.map(account -> enrolment(id, account, vault.open(id, "totp_pending", account.totpPendingSecret())));
	}

	private TotpEnrolment enrolment(AccountId id, StoredAccount account, String secret) {
		String uri = Totp.otpauthUri("Pledge", vault.open(id, "email", account.email()), secret);
		return new TotpEnrolment(secret, uri, QrCodes.pngDataUri(uri));
	}

	/**
	 * Activates the pending second factor and returns the one-time recovery codes (shown once). Under the account's
	 * row, taken without waiting: of the same confirmation sent twice at once (a double click, a client retrying),
	 * one turns it on and shows the codes that work; the other is told so (409) instead of replacing them with a
	 * set of its own that only one of the two answers would show.
	 */
	public List<String> confirmTotp(AccountId id, String code) {
		accounts.lockForCredentialChange(id.value());
		StoredAccount account = accounts.find(id.value()).orElseThrow(Credentials::gone);
		if (account.totpPendingSecret() == null && account.secondFactor()) {
			throw new Rejected(org.springframework.http.HttpStatus.CONFLICT, "code", "Two-step sign-in is already on. "
					+ "If you did not see your recovery codes, make new ones on the security page.");
		}
		if (account.totpPendingSecret() == null) {
			throw Rejected.badRequest("code", "Start setting up two-step sign-in first.");
		}
		String secret = vault.open(id, "totp_pending", account.totpPendingSecret());
		OptionalLong step = Totp.matchingStep(secret, code == null ? "" : code, clock.instant(), TOTP_DRIFT_STEPS);
		if (step.isEmpty()) {
			throw Rejected.badRequest("code", "This code does not match. Check the time on your phone and try the next code.");
		}
		accounts.updateTotp(id.value(), vault.seal(id, "totp_secret", secret), null, step.getAsLong(), clock.instant());
		List<String> codes = RecoveryCodes.generate(RECOVERY_CODES);
		accounts.replaceRecoveryCodes(id.value(), codes.stream().map(RecoveryCodes::normalize).map(RecoveryCodes::hash).toList());
		mails.secondFactorChanged(id, vault.open(id, "email", account.email()), true);
		events.publishEvent(new SecondFactorEnabled(id, clock.instant()));
		return codes;
	}

	/**
	 * New recovery codes for an account with two-step sign-in on; needs the current password, checked outside any
	 * transaction ({@link CurrentPasswords}). The old codes stop working in the transaction that stores the new.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public List<String> regenerateRecoveryCodes(AccountId id, String currentPassword) {
		return regenerateRecoveryCodes(id, currentPassword, null);
	}

	/**
	 * As {@link #regenerateRecoveryCodes(AccountId, String)}, only over the codes of {@code version} (from
	 * {@link #recoveryCodesVersion}, as the page showed it; null: whatever they are now). The same form sent twice
	 * (a double click, forty tabs) renews them once: the other posts are refused (409) instead of replacing the codes
	 * one answer shows with codes of their own, so no page ever shows codes that do not work.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public List<String> regenerateRecoveryCodes(AccountId id, String currentPassword, String version) {
		StoredAccount account = accounts.find(id.value()).orElseThrow(Credentials::gone);
		currentPasswords.check(account, currentPassword, "currentPassword", "Your current password is not correct.");
		if (!account.secondFactor()) {
			throw Rejected.badRequest("currentPassword", "Turn on two-step sign-in first: recovery codes come with it.");
		}
		List<String> codes = RecoveryCodes.generate(RECOVERY_CODES);
		afterCheck.executeWithoutResult(status -> {
			if (!accounts.replaceRecoveryCodesIf(id.value(), hashes -> version == null || version.equals(version(id, hashes)),
					codes.stream().map(RecoveryCodes::normalize).map(RecoveryCodes::hash).toList())) {
				throw new Rejected(org.springframework.http.HttpStatus.CONFLICT, "currentPassword",
						"Your recovery codes were just renewed by another request (a double click?). Only the codes "
								+ "that request showed work; if you did not see them, make new ones.");
			}
			mails.recoveryCodesRenewed(id, vault.open(id, "email", account.email()));
		});
		return codes;
	}

	/**
	 * Which set of recovery codes the account has now, for a form to send back: a keyed digest of the codes'
	 * digests (it tells nothing about them), different for every renewal.
	 */
	@Transactional(readOnly = true)
	public String recoveryCodesVersion(AccountId id) {
		return version(id, accounts.recoveryCodeHashes(id.value()));
	}

	private String version(AccountId id, List<String> hashes) {
		byte[] digest = vault.sign("recovery-codes-version", (id + "\n" + String.join("\n", hashes))
				.getBytes(java.nio.charset.StandardCharsets.UTF_8));
		return java.util.HexFormat.of().formatHex(digest, 0, 16);
	}

	/** Turns the second factor off; needs the current password, checked outside any transaction. */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void removeTotp(AccountId id, String currentPassword) {
		StoredAccount account = accounts.find(id.value()).orElseThrow(Credentials::gone);
		currentPasswords.check(account, currentPassword, "currentPassword", "Your current password is not correct.");
		if (!account.secondFactor()) {
			return;
		}
		afterCheck.executeWithoutResult(status -> {
			accounts.lockForCredentialChange(id.value());
			accounts.updateTotp(id.value(), null, null, null, clock.instant());
			accounts.replaceRecoveryCodes(id.value(), List.of());
			mails.secondFactorChanged(id, vault.open(id, "email", account.email()), false);
			events.publishEvent(new SecondFactorDisabled(id, clock.instant()));
		});
	}

	@Transactional(readOnly = true)
	public long remainingRecoveryCodes(AccountId id) {
		return accounts.remainingRecoveryCodes(id.value());
	}

	private static Rejected gone() {
		return new Rejected(org.springframework.http.HttpStatus.NOT_FOUND, "This account no longer exists.");
	}
}
