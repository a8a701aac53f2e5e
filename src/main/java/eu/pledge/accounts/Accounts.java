package eu.pledge.accounts;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
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
 * Registration, email verification and the profile. Registering an address that already has an account
 * looks exactly like a new registration to the caller; the owner of the address is told by mail instead,
 * so the form cannot be used to find out who has an account.
 */
@Service
public class Accounts {

	/**
	 * The flash attribute with the address a person just set up, confirmed or reset the password of: the sign-in
	 * form after the redirect shows it filled in (kept in the session for that one page, never in the URL).
	 */
	public static final String SIGN_IN_EMAIL = "signInEmail";

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Accounts.class);

	private final AccountRepository accounts;
	private final RecentProfiles recentProfiles;
	private final AccountTokens tokens;
	private final AccountMails mails;
	private final PasswordPolicy policy;
	private final PasswordHasher hasher;
	private final CurrentPasswords currentPasswords;
	private final Vault vault;
	private final Clock clock;
	private final AccountsProperties properties;
	private final ApplicationEventPublisher events;
	private final NameIndex names;
	private final TransactionTemplate afterCheck;
	private final RateLimits rateLimits;
	private final RateLimits.Bucket mailsToKnownAddresses;
	private final RateLimits.Bucket emailChangeLinks;

	Accounts(NameIndex names, AccountRepository accounts, AccountTokens tokens, AccountMails mails, PasswordPolicy policy,
			PasswordHasher hasher, Vault vault, Clock clock, AccountsProperties properties,
			ApplicationEventPublisher events, CurrentPasswords currentPasswords, RecentProfiles recentProfiles,
			PlatformTransactionManager transactions, RateLimits rateLimits) {
		this.afterCheck = new TransactionTemplate(transactions);
		this.rateLimits = rateLimits;
		this.mailsToKnownAddresses = rateLimits.bucket(new RateLimits.Bucket("registration-mails", RateLimits.Scope.CLUSTER,
				RateLimits.Keys.OPAQUE, 1, AccountMails.MAIL_INTERVAL, false));
		this.emailChangeLinks = rateLimits.bucket(new RateLimits.Bucket("email-change-mails", RateLimits.Scope.CLUSTER,
				RateLimits.Keys.OPAQUE, 1, AccountMails.MAIL_INTERVAL, false));
		this.recentProfiles = recentProfiles;
		this.names = names;
		this.currentPasswords = currentPasswords;
		this.accounts = accounts;
		this.tokens = tokens;
		this.mails = mails;
		this.policy = policy;
		this.hasher = hasher;
		this.vault = vault;
		this.clock = clock;
		this.properties = properties;
		this.events = events;
	}

	/**
	 * Registers an account and mails a verification link; an existing address is told instead, at most once a
	 * minute. For an existing address, the hash that makes the answer cost what a registration costs and the count of
	 * mails (a transaction of its own) run outside any transaction: forty registrations at once each held a
	 * connection while waiting for a second one, and the node answered 503.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED)
	public void register(Registration registration) {
		String email = EmailAddresses.requirePlausible("email", registration.email());
		String name = registration.name().strip();
		if (name.isEmpty()) {
			throw Rejected.badRequest("name", "Enter your name.");
		}
		policy.check("password", registration.password());
		Optional<StoredAccount> existing = accounts.findByEmailIndex(accountKey(email));
		if (existing.isPresent()) {
			StoredAccount account = existing.get();
			hasher.hash(registration.password()); // same cost as a real registration
			// At most one mail a minute to an address registered again, counted for all nodes: a stranger could
			// otherwise fill its owner's mailbox by registering it over and over, or forty times at once.
			boolean mail = rateLimits.take(mailsToKnownAddresses, account.accountId().toString()).allowed();
			afterCheck.executeWithoutResult(status -> {
				events.publishEvent(new AccountMailRequested(account.verified() ? AccountMailRequested.Kind.REGISTRATION
						: AccountMailRequested.Kind.VERIFICATION, account.accountId(), clock.instant()));
				if (mail && account.verified()) {
					mails.alreadyRegistered(account.accountId(), email);
				}
				else if (mail) {
					mails.verification(email, tokens.issue(account.id(), AccountTokens.Purpose.VERIFY_EMAIL, null,
							properties.verificationLinkValidity()));
				}
			});
			return;
		}
		afterCheck.executeWithoutResult(status -> {
			AccountId id = create(name, email, registration.password(), registration.address(), false, "");
			events.publishEvent(new AccountMailRequested(AccountMailRequested.Kind.REGISTRATION, id, clock.instant()));
			mails.verification(email, tokens.issue(id.value(), AccountTokens.Purpose.VERIFY_EMAIL, null,
					properties.verificationLinkValidity()));
			events.publishEvent(new AccountRegistered(id, clock.instant()));
		});
	}

	/** Creates an account; the caller has validated the input. Used by registration and set-up. */
	AccountId create(String name, String email, String password, PostalAddress address, boolean verified,
			String roles) {
		AccountId id = AccountId.random();
		Instant now = clock.instant();
		vault.createKey(id);
		PostalAddress clean = address.trimmed();
		StoredAccount account = new StoredAccount(id.value(), accountKey(email), vault.seal(id, "email", email),
				vault.seal(id, "name", name), vault.seal(id, "street", clean.street()),
				vault.seal(id, "postal_code", clean.postalCode()), vault.seal(id, "city", clean.city()),
				vault.seal(id, "country", clean.country()), hasher.hash(password),
				verified ? StoredAccount.ACTIVE : StoredAccount.UNVERIFIED, roles, null, null, null, now,
				verified ? now : null, null, null);
		try {
			accounts.insert(account, now);
		}
		catch (DuplicateKeyException ex) {
			// Two registrations of one address raced; the other one won and has mailed its owner.
			throw new Rejected(HttpStatus.CONFLICT, "email", "This registration is already being processed.");
		}
		names.index(id, name);
		return id;
	}

	/** Spends a verification link; afterwards the account can sign in. Returns the confirmed address. */
	@Transactional
	public String verifyEmail(String token) {
		AccountTokens.Spent spent = tokens.spend(token, AccountTokens.Purpose.VERIFY_EMAIL)
				.orElseThrow(Accounts::invalidLink);
		if (accounts.activate(spent.accountId(), clock.instant())) {
			events.publishEvent(new EmailVerified(new AccountId(spent.accountId()), clock.instant()));
		}
		AccountId id = new AccountId(spent.accountId());
		return vault.open(id, "email", load(id).email());
	}

	/**
	 * One SELECT of the account (and, at most every few minutes, of its data key), or none when this node read it
	 * within the second ({@link RecentProfiles}). Not transactional on purpose: even an empty "supports"
	 * transaction set up and tore down its synchronization on every {@code GET /api/v1/me}, 4 % of it, mostly for
	 * an answer served from memory. Inside a caller's transaction the SELECT takes part in that one.
	 */
	public Profile profile(AccountId id) {
		return recentProfiles.get(id.value(), () -> decrypted(id, load(id)));
	}

	private Profile decrypted(AccountId id, StoredAccount account) {
		return new Profile(id, vault.open(id, "name", account.name()), vault.open(id, "email", account.email()),
				new PostalAddress(vault.open(id, "street", account.street()),
						vault.open(id, "postal_code", account.postalCode()), vault.open(id, "city", account.city()),
						vault.open(id, "country", account.country())),
				account.secondFactor(), account.roleSet(), account.createdAt());
	}

	/** Corrects the name and the postal address (both are always given in full); nothing happens if both are as stored. */
	@Transactional
	public void correctProfile(AccountId id, String name, PostalAddress address) {
		if (name == null || name.isBlank()) {
			throw Rejected.badRequest("name", "Enter your name.");
		}
		// Under the account's row: the same correction sent forty times at once changes, mails and is audited once;
		// the others find nothing to change.
		StoredAccount account = accounts.lock(id.value()).orElseThrow(Accounts::gone);
		PostalAddress clean = address.trimmed();
		Profile before = decrypted(id, account);
		if (before.name().equals(name.strip()) && before.address().equals(clean)) {
			return;
		}
		accounts.updateProfile(id.value(), vault.seal(id, "name", name.strip()), vault.seal(id, "street", clean.street()),
				vault.seal(id, "postal_code", clean.postalCode()), vault.seal(id, "city", clean.city()),
				vault.seal(id, "country", clean.country()), clock.instant());
		names.index(id, name.strip());
		mails.profileCorrected(id, vault.open(id, "email", account.email()));
		events.publishEvent(new ProfileCorrected(id, clock.instant()));
	}

	/**
	 * Starts an email change: the new address gets a confirmation link, the old one is told. The change takes
	 * effect only when the link is opened.
	 */
	@Transactional(propagation = Propagation.NOT_SUPPORTED) // the password is checked outside any (CurrentPasswords)
	public void requestEmailChange(AccountId id, String newEmail, String currentPassword) {
		String email = EmailAddresses.requirePlausible("email", newEmail);
		StoredAccount account = load(id);
		currentPasswords.check(account, currentPassword, "currentPassword", "Your current password is not correct.");
		String oldEmail = vault.open(id, "email", account.email());
		if (oldEmail.equals(email)) {
			throw Rejected.badRequest("email", "This is already your email address.");
		}
		// One link a minute per account, counted for all nodes: else any account could make Pledge mail any address
		// over and over, or forty times at once. Counted outside the transaction, as for registrations (Accounts#register).
		RateLimits.Decision link = rateLimits.take(emailChangeLinks, id.toString());
		if (!link.allowed()) {
			throw Rejected.tooMany("A confirmation link was mailed less than a minute ago. Wait a moment before "
					+ "asking for another.", link.retryAfterSeconds());
		}
		Optional<StoredAccount> other = accounts.findByEmailIndex(accountKey(email));
		boolean tellOther = other.isPresent()
				&& rateLimits.take(mailsToKnownAddresses, other.get().accountId().toString()).allowed();
		afterCheck.executeWithoutResult(status -> {
			if (other.isPresent()) {
				// Say nothing about the other account; its owner learns nothing either (at most once a minute, as
				// when someone registers its address). The link would fail anyway.
				if (tellOther) {
					mails.alreadyRegistered(other.get().accountId(), email);
				}
			}
			else {
				mails.emailChange(email, tokens.issue(id.value(), AccountTokens.Purpose.CHANGE_EMAIL,
						vault.seal(id, "pending_email", email), properties.verificationLinkValidity()));
			}
			mails.emailChangeRequested(id, oldEmail);
		});
	}

	/** Spends an email-change link: the new address replaces the old one, which is told. Returns the new address. */
	@Transactional
	public String confirmEmailChange(String token) {
		AccountTokens.Spent spent = tokens.spend(token, AccountTokens.Purpose.CHANGE_EMAIL)
				.orElseThrow(Accounts::invalidLink);
		AccountId id = new AccountId(spent.accountId());
		StoredAccount account = load(id);
		String newEmail = vault.open(id, "pending_email", spent.payload());
		String oldEmail = vault.open(id, "email", account.email());
		try {
			accounts.updateEmail(id.value(), vault.seal(id, "email", newEmail), accountKey(newEmail), clock.instant());
		}
		catch (DuplicateKeyException ex) {
			throw new Rejected(HttpStatus.CONFLICT, "This email address is no longer available.");
		}
		tokens.revokeAfterCredentialChange(id.value());
		mails.emailChanged(id, oldEmail);
		events.publishEvent(new EmailChanged(id, clock.instant()));
		return newEmail;
	}

	/**
	 * The opaque key under which brute-force protection counts attempts on the account with this email:
	 * the blind index, so the same for every node and never the email itself. An HMAC in memory: no transaction.
	 */
	public String accountKey(String email) {
		return vault.blindIndex(EmailAddresses.normalize(email));
	}

	/**
	 * The keyed index of the account's email ({@link #accountKey(String)} of it), or empty when the account does not
	 * exist (any more). Never throws, so callers inside a larger transaction (erasure) need not catch.
	 */
	@Transactional(readOnly = true)
	public Optional<String> accountKeyOf(AccountId id) {
		return accounts.find(id.value()).map(StoredAccount::emailIndex);
	}

	/**
	 * Takes the account's row until the caller's transaction ends, as an erasure does first; false when the account
	 * no longer exists.
	 */
	@Transactional(propagation = Propagation.MANDATORY)
	public boolean hold(AccountId id) {
		return accounts.lock(id.value()).isPresent();
	}

	/** The account registered with this email, if any: for modules that must honour its restriction. */
	@Transactional(readOnly = true)
	public Optional<AccountId> accountWithEmail(String email) {
		return accounts.findByEmailIndex(accountKey(email)).map(StoredAccount::accountId);
	}

	/**
	 * The accounts after {@code after} (null: from the first) in id order, at most {@code limit}: the customer rule
	 * (access) walks every account with this, a page at a time.
	 */
	@Transactional(readOnly = true)
	public java.util.List<Registered> registered(AccountId after, int limit) {
		return accounts.registered(after == null ? null : after.value(), limit);
	}

	/** The account as the customer rule sees it; empty once erased. */
	@Transactional(propagation = Propagation.SUPPORTS, readOnly = true)
	public Optional<Registered> registered(AccountId id) {
		return accounts.registered(id.value());
	}

	@Transactional(readOnly = true)
	public boolean anyAdministrator() {
		return accounts.countWithRole("ADMIN") > 0;
	}

	/**
	 * The email addresses of the platform administrators (the vendor's staff: few), the default recipients of
	 * Codana's and Secure Patrol's alerts. An account that cannot be read (erased meanwhile) is left out.
	 */
	@Transactional(readOnly = true)
	public java.util.List<String> administratorAddresses() {
		java.util.List<String> addresses = new java.util.ArrayList<>();
		for (java.util.UUID id : accounts.idsWithRole("ADMIN")) {
			try {
				addresses.add(profile(new AccountId(id)).email());
			}
			catch (RuntimeException ex) {
				log.warn("Administrator {} could not be mailed ({})", id, ex.getClass().getSimpleName());
			}
		}
		return addresses;
	}

	StoredAccount load(AccountId id) {
		return accounts.find(id.value()).orElseThrow(() -> new Rejected(HttpStatus.NOT_FOUND, "This account no longer exists."));
	}

	static Rejected gone() {
		return new Rejected(HttpStatus.NOT_FOUND, "This account no longer exists.");
	}

	static Rejected invalidLink() {
		return Rejected.badRequest("token",
				"This link is invalid, was already used or has expired. Please ask for a new one.");
	}
}
