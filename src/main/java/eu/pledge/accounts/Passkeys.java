package eu.pledge.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.security.web.webauthn.api.AttestationConveyancePreference;
import org.springframework.security.web.webauthn.api.AuthenticatorAssertionResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorAttestationResponse;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.PublicKeyCredential;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialDescriptor;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialParameters;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.jackson.WebauthnJacksonModule;
import org.springframework.security.web.webauthn.management.ImmutablePublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.ImmutableRelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyPublicKey;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Service;

import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.PledgeProperties;
import eu.pledge.shared.Rejected;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Passkeys (WebAuthn credentials): registering them on the security page, listing and removing them, and
 * checking a passkey's answer at sign-in, without a password or as the second step after it. The ceremonies
 * are Spring Security's ({@link Webauthn4JRelyingPartyOperations} on webauthn4j); this class adds what Pledge
 * promises around them: the password re-checked before a registration, a challenge that is good for one answer
 * on any node, a refused origin named in the refusal, a cloned authenticator told apart, the audit facts.
 */
@Service
public class Passkeys {

	private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(Passkeys.class);

	/** More passkeys than anyone carries devices; bounds what one account can make Pledge store. */
	static final int MAX_PER_ACCOUNT = 20;
	static final int MAX_NAME_LENGTH = 60;
	/** Far above any real answer (a credential id is at most 1,023 bytes; "none" attestation is small). */
	static final int MAX_ANSWER_LENGTH = 32_000;
	private static final Duration TIMEOUT = PasskeyChallenges.VALIDITY;

	private final Webauthn4JRelyingPartyOperations operations;
	private final PasskeyUsers users;
	private final PasskeyStore store;
	private final PasskeyChallenges challenges;
	private final AccountRepository accounts;
	private final CurrentPasswords currentPasswords;
	private final PublicKeyCredentialRpEntity rp;
	private final Set<String> origins;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final JsonMapper json = JsonMapper.builder().addModule(new WebauthnJacksonModule()).build();

	Passkeys(Webauthn4JRelyingPartyOperations operations, PasskeyUsers users, PasskeyStore store,
			PasskeyChallenges challenges, AccountRepository accounts, CurrentPasswords currentPasswords,
			PublicKeyCredentialRpEntity rp, PledgeProperties pledge, PasskeyProperties properties, Clock clock,
			ApplicationEventPublisher events) {
		this.operations = operations;
		this.users = users;
		this.store = store;
		this.challenges = challenges;
		this.accounts = accounts;
		this.currentPasswords = currentPasswords;
		this.rp = rp;
		this.origins = PasskeyConfiguration.origins(pledge, properties);
		this.clock = clock;
		this.events = events;
	}

	/** A passkey as its owner sees it: never the credential id or the key. */
	public record Summary(String reference, String name, String authenticator, Instant createdAt, Instant lastUsedAt) {
	}

	/** How a person can sign in to an account, for the account's pages and the administrators'. */
	public enum Method {
		PASSWORD, TOTP, PASSKEY
	}

	/**
	 * A passkey's answer read from the browser, and the account its credential belongs to (none when no account
	 * has it). Read before anything is verified, so the sign-in can count the attempt against that account.
	 */
	public static final class Answer {

		private final PublicKeyCredential<AuthenticatorAssertionResponse> credential;
		private final AccountId accountId;
		private final String accountKey;
		private final String challenge;
		private final String origin;
		private final String reference;

		private Answer(PublicKeyCredential<AuthenticatorAssertionResponse> credential, AccountId accountId,
				String accountKey, String challenge, String origin, String reference) {
			this.credential = credential;
			this.accountId = accountId;
			this.accountKey = accountKey;
			this.challenge = challenge;
			this.origin = origin;
			this.reference = reference;
		}

		/** The account the passkey belongs to, or null. */
		public AccountId accountId() {
			return accountId;
		}

		/** The key the sign-in throttles count this account under (its email's blind index), or null. */
		public String accountKey() {
			return accountKey;
		}

		@Override
		public String toString() {
			return "Answer[redacted]";
		}
	}

	/** The outcome of checking an answer: valid, or why not. */
	public record Check(AccountId accountId, PasskeyRefused.Reason refusal) {

		public boolean valid() {
			return refusal == null;
		}
	}

	// ---- registration -------------------------------------------------------------------------------

	/**
	 * After the current password is checked, the options for {@code navigator.credentials.create()} as JSON.
	 *
	 * @throws Rejected when the password is wrong, or the account has as many passkeys as it may
	 */
	String registrationOptions(AccountId id, String currentPassword) {
		StoredAccount account = accounts.find(id.value()).orElseThrow(Passkeys::gone);
		currentPasswords.check(account, currentPassword, "currentPassword", "Your current password is not correct.");
		return registrationOptions(id);
	}

	/**
	 * The options for {@code navigator.credentials.create()} after one of the account's passkeys answered
	 * {@link #recheckOptions(AccountId)} in place of the password (a "passkey only" account's owner may not know it).
	 *
	 * @throws Rejected when the answer is not a valid one of this account's passkeys
	 */
	String registrationOptionsAfterPasskey(AccountId id, String answerJson) {
		Check check = read(answerJson).map(answer -> check(answer, PasskeyChallenges.Purpose.RECHECK, id))
				.orElse(new Check(id, PasskeyRefused.Reason.INVALID));
		if (!check.valid()) {
			throw Rejected.badRequest("currentPassword", "That passkey did not confirm it is you. Use one of your "
					+ "passkeys, or your current password.");
		}
		return registrationOptions(id);
	}

	/** Options for confirming with one of the account's passkeys before adding another. */
	String recheckOptions(AccountId id) {
		PublicKeyCredentialRequestOptions options = requestOptions(Bytes.random(), descriptors(id),
				UserVerificationRequirement.REQUIRED);
		challenges.issue(options.getChallenge().toBase64UrlString(), PasskeyChallenges.Purpose.RECHECK, id);
		return json.writeValueAsString(options);
	}

	/** The options after another check (a passkey of the account just verified) stood in for the password. */
	String registrationOptions(AccountId id) {
		if (store.count(id) >= MAX_PER_ACCOUNT) {
			throw Rejected.badRequest("name", "You have " + MAX_PER_ACCOUNT + " passkeys, the most an account may "
					+ "have. Remove one you no longer use first.");
		}
		users.ensure(id);
		PublicKeyCredentialCreationOptions options = operations.createPublicKeyCredentialCreationOptions(
				new ImmutablePublicKeyCredentialCreationOptionsRequest(UsernamePasswordAuthenticationToken
						.authenticated(id.toString(), null, AuthorityUtils.createAuthorityList("ROLE_USER"))));
		challenges.issue(options.getChallenge().toBase64UrlString(), PasskeyChallenges.Purpose.REGISTER, id);
		return json.writeValueAsString(options);
	}

	/**
	 * Verifies and stores the passkey the browser created under {@code name}.
	 *
	 * @throws Rejected with a message for the person: a name that does not fit, an answer from another origin, an
	 *         expired or used request, a passkey that does not verify or is registered already
	 */
	void register(AccountId id, String name, String answerJson) {
		String label = name == null ? "" : name.strip();
		if (label.isEmpty() || label.length() > MAX_NAME_LENGTH || label.chars().anyMatch(Character::isISOControl)) {
			throw Rejected.badRequest("name", "Give the passkey a name of 1 to " + MAX_NAME_LENGTH
					+ " characters, such as the device it is on.");
		}
		PublicKeyCredential<AuthenticatorAttestationResponse> credential = read(answerJson,
				new TypeReference<PublicKeyCredential<AuthenticatorAttestationResponse>>() {
				});
		if (credential.getRawId() == null || credential.getResponse() == null
				|| credential.getResponse().getClientDataJSON() == null
				|| credential.getResponse().getAttestationObject() == null) {
			throw Rejected.badRequest("credential", "Your browser's passkey answer is incomplete. Please try again.");
		}
		JsonNode clientData = clientData(credential.getResponse().getClientDataJSON());
		String origin = text(clientData, "origin");
		if (!origins.contains(origin)) {
			throw Rejected.badRequest("credential", wrongOrigin(origin));
		}
		String challenge = text(clientData, "challenge");
		if (!challenges.use(challenge, PasskeyChallenges.Purpose.REGISTER, id)) {
			throw Rejected.badRequest("credential", "This request to add a passkey has expired or was used already. "
					+ "Please start again.");
		}
		PublicKeyCredentialUserEntity user = users.findByUsername(id.toString());
		if (user == null) {
			throw Rejected.badRequest("credential", "Please start adding the passkey again.");
		}
		PublicKeyCredentialCreationOptions options = PublicKeyCredentialCreationOptions.builder()
				.attestation(AttestationConveyancePreference.NONE)
				.pubKeyCredParams(PublicKeyCredentialParameters.EdDSA, PublicKeyCredentialParameters.ES256,
						PublicKeyCredentialParameters.RS256)
				.authenticatorSelection(AuthenticatorSelectionCriteria.builder()
						.userVerification(UserVerificationRequirement.PREFERRED)
						.residentKey(ResidentKeyRequirement.REQUIRED).build())
				.challenge(Bytes.fromBase64(challenge)).timeout(TIMEOUT).user(user).rp(rp).build();
		try {
			operations.registerCredential(new ImmutableRelyingPartyRegistrationRequest(options,
					new RelyingPartyPublicKey(credential, label)));
		}
		catch (BadOriginException | BadRpIdException ex) {
			throw Rejected.badRequest("credential", wrongOrigin(origin));
		}
		catch (RuntimeException ex) {
			log.debug("A passkey registration did not verify: {}", ex.getClass().getName());
			if (store.accountOf(credential.getRawId()).isPresent()) {
				throw Rejected.badRequest("credential", "This passkey is registered already.");
			}
			throw Rejected.badRequest("credential", "Your browser's answer did not verify as a passkey for this "
					+ "account. Please try again, or with another device.");
		}
		events.publishEvent(new PasskeyAdded(id, PasskeyStore.reference(store.index(credential.getRawId())),
				clock.instant()));
	}

	List<Summary> list(AccountId id) {
		return store.list(id).stream().map(stored -> new Summary(stored.reference(), stored.label(),
				stored.aaguid(), stored.createdAt(), stored.lastUsedAt())).toList();
	}

	public boolean has(AccountId id) {
		return store.count(id) > 0;
	}

	/**
	 * Removes one of the account's passkeys.
	 *
	 * @throws Rejected when it is the last way to sign in ("passkey only" with one passkey), or no such passkey
	 */
	void remove(AccountId id, String reference) {
		StoredAccount account = accounts.find(id.value()).orElseThrow(Passkeys::gone);
		if (accounts.passkeyOnly(account.id()) && store.count(id) <= 1) {
			throw Rejected.badRequest("passkey", "This is your only way to sign in: your password is turned off "
					+ "(\"passkey only\"). Turn the password back on or add another passkey first.");
		}
		if (!store.remove(id, reference == null ? "" : reference)) {
			throw new Rejected(HttpStatus.NOT_FOUND, "You have no such passkey (any more).");
		}
		events.publishEvent(new PasskeyRemoved(id, reference, clock.instant()));
	}

	/**
	 * Turns "passkey only" on (the password no longer signs in; needs a passkey) or off.
	 *
	 * @throws Rejected when turning it on without a passkey
	 */
	public void passkeyOnly(AccountId id, boolean on) {
		if (on && !has(id)) {
			throw Rejected.badRequest("on", "Add a passkey first: with \"passkey only\" a passkey is the only way in.");
		}
		if (accounts.passkeyOnly(id.value(), on, clock.instant())) {
			events.publishEvent(new PasskeyOnlyChanged(id, on, clock.instant()));
		}
	}

	/**
	 * Whether a password sign-in asks for a passkey as its second step: the account has one, and its owner has
	 * not reset the password by mail since without confirming the passkeys.
	 */
	public boolean askedAfterPassword(AccountId id) {
		return has(id) && !accounts.passkeysUnconfirmed(id.value());
	}

	/** Whether a password reset by mail left the passkeys for the owner to confirm or remove. */
	boolean unconfirmed(AccountId id) {
		return has(id) && accounts.passkeysUnconfirmed(id.value());
	}

	/** The owner keeps the passkeys after a reset: they count as the second step again. */
	void confirm(AccountId id) {
		accounts.passkeysUnconfirmed(id.value(), false);
	}

	/** Whether the password no longer signs in. */
	public boolean passkeyOnly(AccountId id) {
		return accounts.passkeyOnly(id.value());
	}

	// ---- signing in -------------------------------------------------------------------------------

	/** Options for a sign-in without email: discoverable passkeys, the person's verification (PIN, biometrics) required. */
	public String signInOptions() {
		PublicKeyCredentialRequestOptions options = requestOptions(Bytes.random(), List.of(),
				UserVerificationRequirement.REQUIRED);
		challenges.issue(options.getChallenge().toBase64UrlString(), PasskeyChallenges.Purpose.SIGN_IN, null);
		return json.writeValueAsString(options);
	}

	/** Options for the second step after the password: one of this account's passkeys. */
	public String secondFactorOptions(AccountId id) {
		PublicKeyCredentialRequestOptions options = requestOptions(Bytes.random(), descriptors(id),
				UserVerificationRequirement.PREFERRED);
		challenges.issue(options.getChallenge().toBase64UrlString(), PasskeyChallenges.Purpose.SECOND_FACTOR, id);
		return json.writeValueAsString(options);
	}

	/**
	 * Reads an answer from the browser.
	 *
	 * @return empty when it is no passkey answer at all (malformed, too large)
	 */
	public Optional<Answer> read(String answerJson) {
		PublicKeyCredential<AuthenticatorAssertionResponse> credential;
		JsonNode clientData;
		try {
			credential = read(answerJson, new TypeReference<PublicKeyCredential<AuthenticatorAssertionResponse>>() {
			});
			if (credential.getResponse() == null || credential.getResponse().getClientDataJSON() == null) {
				return Optional.empty();
			}
			clientData = clientData(credential.getResponse().getClientDataJSON());
		}
		catch (Rejected ex) {
			return Optional.empty();
		}
		if (credential.getRawId() == null || credential.getResponse().getAuthenticatorData() == null
				|| credential.getResponse().getSignature() == null) {
			return Optional.empty();
		}
		Optional<AccountId> account = store.accountOf(credential.getRawId());
		String key = account.flatMap(id -> accounts.find(id.value())).map(StoredAccount::emailIndex).orElse(null);
		return Optional.of(new Answer(credential, account.orElse(null), key, text(clientData, "challenge"),
				text(clientData, "origin"), PasskeyStore.reference(store.index(credential.getRawId()))));
	}

	/** Checks an answer to {@link #signInOptions()}. */
	public Check checkSignIn(Answer answer) {
		return check(answer, PasskeyChallenges.Purpose.SIGN_IN, null);
	}

	/** Checks an answer to {@link #secondFactorOptions(AccountId)}: it must be a passkey of {@code id}. */
	public Check checkSecondFactor(Answer answer, AccountId id) {
		return check(answer, PasskeyChallenges.Purpose.SECOND_FACTOR, id);
	}

	private Check check(Answer answer, PasskeyChallenges.Purpose purpose, AccountId expected) {
		PasskeyRefused.Reason refusal = verify(answer, purpose, expected);
		Instant now = clock.instant();
		if (refusal == null) {
			events.publishEvent(new PasskeyUsed(answer.accountId, answer.reference, now));
			return new Check(answer.accountId, null);
		}
		events.publishEvent(new PasskeyRefused(answer.accountId, answer.accountId == null ? null : answer.reference,
				refusal, now));
		return new Check(answer.accountId, refusal);
	}

	private PasskeyRefused.Reason verify(Answer answer, PasskeyChallenges.Purpose purpose, AccountId expected) {
		if (!origins.contains(answer.origin)) {
			return PasskeyRefused.Reason.WRONG_ORIGIN;
		}
		// the challenge is spent whatever follows: an answer is never checked twice
		if (!challenges.use(answer.challenge, purpose, expected)) {
			return PasskeyRefused.Reason.STALE;
		}
		if (answer.accountId == null) {
			return PasskeyRefused.Reason.UNKNOWN;
		}
		if (expected != null && !expected.equals(answer.accountId)) {
			return PasskeyRefused.Reason.OTHER_ACCOUNT;
		}
		PublicKeyCredentialRequestOptions options = requestOptions(Bytes.fromBase64(answer.challenge),
				purpose == PasskeyChallenges.Purpose.SIGN_IN ? List.of() : descriptors(answer.accountId),
				purpose == PasskeyChallenges.Purpose.SECOND_FACTOR ? UserVerificationRequirement.PREFERRED
						: UserVerificationRequirement.REQUIRED);
		try {
			operations.authenticate(new RelyingPartyAuthenticationRequest(options, answer.credential));
		}
		catch (PasskeyStore.ClonedAuthenticator | MaliciousCounterValueException ex) {
			return PasskeyRefused.Reason.CLONED;
		}
		catch (BadOriginException | BadRpIdException ex) {
			return PasskeyRefused.Reason.WRONG_ORIGIN;
		}
		catch (RuntimeException ex) {
			log.debug("A passkey answer did not verify: {}", ex.getClass().getName());
			return PasskeyRefused.Reason.INVALID;
		}
		return null;
	}

	// ---- what others ask ---------------------------------------------------------------------------

	/** The ways the account can sign in now (the administrators' "methods on"). */
	public Set<Method> methods(AccountId id) {
		Set<Method> methods = EnumSet.noneOf(Method.class);
		accounts.find(id.value()).ifPresent(account -> {
			if (!accounts.passkeyOnly(account.id())) {
				methods.add(Method.PASSWORD);
			}
			if (account.secondFactor()) {
				methods.add(Method.TOTP);
			}
		});
		if (has(id)) {
			methods.add(Method.PASSKEY);
		}
		return methods;
	}

	/**
	 * Whether the account has a second factor: an authenticator app (TOTP) or a passkey. The one question a rule
	 * such as "administrators sign in in two steps" asks; a passkey counts, and a password sign-in of an account
	 * with one asks for it.
	 */
	boolean hasSecondFactor(AccountId id) {
		Set<Method> methods = methods(id);
		return methods.contains(Method.TOTP) || (methods.contains(Method.PASSKEY) && askedAfterPassword(id));
	}

	/** The origins an answer may come from, for the documentation and the refusals. */
	Set<String> origins() {
		return new TreeSet<>(origins);
	}

	private PublicKeyCredentialRequestOptions requestOptions(Bytes challenge, List<PublicKeyCredentialDescriptor> allow,
			UserVerificationRequirement verification) {
		return PublicKeyCredentialRequestOptions.builder().challenge(challenge).rpId(rp.getId()).timeout(TIMEOUT)
				.userVerification(verification).allowCredentials(allow).build();
	}

	private List<PublicKeyCredentialDescriptor> descriptors(AccountId id) {
		return store.list(id).stream().map(stored -> PublicKeyCredentialDescriptor.builder()
				.id(stored.record().getCredentialId()).transports(stored.record().getTransports()).build()).toList();
	}

	private String wrongOrigin(String origin) {
		return "Your browser answered for " + (origin == null ? "an unknown site" : origin)
				+ ", but passkeys for Pledge work only on " + String.join(", ", origins())
				+ ". Open Pledge at that address and try again.";
	}

	private <T> T read(String answerJson, TypeReference<T> type) {
		if (answerJson == null || answerJson.isBlank() || answerJson.length() > MAX_ANSWER_LENGTH) {
			throw Rejected.badRequest("credential", "Your browser sent no passkey answer. Please try again.");
		}
		try {
			T value = json.readValue(answerJson, type);
			if (value == null) {
				throw Rejected.badRequest("credential", "Your browser sent no passkey answer. Please try again.");
			}
			return value;
		}
		catch (RuntimeException ex) {
			if (ex instanceof Rejected rejected) {
				throw rejected;
			}
			throw Rejected.badRequest("credential", "Your browser's passkey answer could not be read. Please try again.");
		}
	}

	private JsonNode clientData(Bytes clientDataJson) {
		try {
			JsonNode node = json.readTree(clientDataJson.getBytes());
			if (node == null || !node.isObject()) {
				throw Rejected.badRequest("credential", "Your browser's passkey answer could not be read.");
			}
			return node;
		}
		catch (RuntimeException ex) {
			if (ex instanceof Rejected rejected) {
				throw rejected;
			}
			throw Rejected.badRequest("credential", "Your browser's passkey answer could not be read.");
		}
	}

	private static String text(JsonNode node, String field) {
		JsonNode value = node.get(field);
		return value == null || !value.isString() ? null : value.asString();
	}

	private static Rejected gone() {
		return new Rejected(HttpStatus.NOT_FOUND, "This account no longer exists.");
	}
}
