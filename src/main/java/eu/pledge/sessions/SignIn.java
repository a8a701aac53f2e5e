package eu.pledge.sessions;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Semaphore;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.stereotype.Service;

import eu.pledge.accounts.Accounts;
import eu.pledge.accounts.CredentialCheck;
import eu.pledge.accounts.Credentials;
import eu.pledge.accounts.PasskeyRefused;
import eu.pledge.accounts.Passkeys;
import eu.pledge.protection.Admission;
import eu.pledge.protection.Attempt;
import eu.pledge.protection.Protection;
import eu.pledge.protection.Questions;
import eu.pledge.protection.Switches;
import eu.pledge.shared.AccountId;

/**
 * The sign-in flow shared by the login form and the JSON API: ask protection first (a blocked address never
 * reaches password hashing), check the password, then the second factor (or, while Secure Patrol asks for a
 * step-up on an account without one, a code mailed to it), then start a fresh session with a new id. Every failure looks the same to the client.
 */
@Service
class SignIn {

	static final String PENDING = "pledge.pendingSecondFactor";
	static final String SIGNED_IN_AT = "pledge.signedInAt";
	static final String DEVICE = "pledge.device";
	/** How long a sign-in question may be answered: time to read it and type, not to collect answers. */
	static final java.time.Duration QUESTION_VALIDITY = java.time.Duration.ofMinutes(10);
	/** Why a sign-in from a new place during a wave was not checked: it came without an answer. */
	static final String CHALLENGED = "Because of unusual activity, signing in from a new place needs the answer to "
			+ "a small question. Please answer it and sign in again.";

	private final Accounts accounts;
	private final Credentials credentials;
	private final Protection protection;
	private final Switches switches;
	private final Questions questions;
	private final SecurityContextRepository contexts;
	private final SessionsProperties properties;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final StepUps stepUps;
	private final SignInCodes codes;
	private final SessionMails mails;
	private final Passkeys passkeys;
	/**
	 * At most one password check per core at a time. Each Argon2id verification fills ~19 MiB; more of them
	 * in flight than cores only interleave, evict each other from the caches and give the garbage collector
	 * more live blocks to copy (measured: -25% logins/s with twice as many as cores, docs/PERFORMANCE.md),
	 * and with Tomcat's 200 threads they could claim gigabytes. Further requests queue here, in order.
	 */
	private final Semaphore passwordChecks = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

	SignIn(Accounts accounts, Credentials credentials, Protection protection, Switches switches, Questions questions,
			SecurityContextRepository contexts, SessionsProperties properties, Clock clock,
			ApplicationEventPublisher events, StepUps stepUps, SignInCodes codes, SessionMails mails,
			Passkeys passkeys) {
		this.passkeys = passkeys;
		this.accounts = accounts;
		this.credentials = credentials;
		this.protection = protection;
		this.switches = switches;
		this.questions = questions;
		this.contexts = contexts;
		this.properties = properties;
		this.clock = clock;
		this.events = events;
		this.stepUps = stepUps;
		this.codes = codes;
		this.mails = mails;
	}

	/**
	 * The first step: email and password, and the TOTP or recovery code when the caller already has it. While
	 * Secure Patrol challenges sign-ins, one from an address the account has not recently signed in from also
	 * answers the question whose token is {@code challenge}, before any password is checked.
	 */
	Outcome withPassword(HttpServletRequest request, HttpServletResponse response, String email, String password,
			String secondFactorCode, String challenge, String answer) {
		String accountKey = accounts.accountKey(email == null ? "" : email);
		try (Attempt attempt = protection.begin(request.getRemoteAddr(), accountKey)) {
			if (!attempt.admission().allowed()) {
				return refused(attempt.admission());
			}
			if (switches.challenges(request.getRemoteAddr(), accountKey)) {
				String wrong = wrongAnswer(challenge, answer);
				if (wrong != null) {
					// a question even if the challenge ended a moment ago: the refusal must carry one
					return Outcome.challenged(wrong, questions.issue(Questions.Form.SIGN_IN, clock.instant()));
				}
			}
			CredentialCheck check;
			passwordChecks.acquireUninterruptibly();
			try {
				check = credentials.check(email == null ? "" : email, password);
			}
			finally {
				passwordChecks.release();
			}
			if (!check.valid()) {
				attempt.failed();
				events.publishEvent(new LoginFailed(check.accountId(), reason(check.outcome()), clock.instant()));
				return Outcome.FAILED;
			}
			if (passkeys.passkeyOnly(check.accountId())) {
				// the right password, turned off by its owner: counted like a wrong one, so guessing gains nothing
				attempt.failed();
				events.publishEvent(new LoginFailed(check.accountId(), LoginFailed.Reason.PASSKEY_ONLY, clock.instant()));
				return Outcome.PASSKEY_ONLY;
			}
			// A passkey is a second factor as TOTP is: with one, the password is never enough alone.
			boolean secondFactor = check.secondFactorRequired() || passkeys.askedAfterPassword(check.accountId());
			// A step-up (Secure Patrol) asks an account without an authenticator for a code mailed to it.
			boolean mailedCode = !secondFactor && stepUps.requiredUntil(check.accountId()).isPresent();
			if (secondFactor || mailedCode) {
				if (secondFactorCode == null || secondFactorCode.isBlank()) {
					if (mailedCode) {
						String code = codes.issue(check.accountId());
						if (code != null) {
							mails.signInCode(check.accountId(), code);
						}
					}
					HttpSession session = request.getSession(true);
					session.setAttribute(PENDING, new PendingSecondFactor(check.accountId().toString(), accountKey,
							clock.instant().plus(properties.secondFactorWindow()).toEpochMilli(), mailedCode));
					// the attempt ends undecided; the code is an attempt of its own
					return mailedCode ? Outcome.MAILED_CODE_REQUIRED : Outcome.SECOND_FACTOR_REQUIRED;
				}
				return finishSecondFactor(request, response, attempt, check.accountId(), secondFactorCode, mailedCode);
			}
			if (!attempt.succeeded(check.accountId())) {
				return Outcome.FAILED; // erased while its credentials were checked
			}
			establish(request, response, check.accountId(), check.roles(), false);
			return Outcome.SIGNED_IN;
		}
	}

	/** The second step of the browser flow: the code for the password step remembered in the session. */
	Outcome withSecondFactor(HttpServletRequest request, HttpServletResponse response, String code) {
		HttpSession session = request.getSession(false);
		PendingSecondFactor pending = session == null ? null : (PendingSecondFactor) session.getAttribute(PENDING);
		if (pending == null || pending.expiresAtMillis() < clock.millis()) {
			if (session != null) {
				session.removeAttribute(PENDING);
			}
			return Outcome.EXPIRED;
		}
		try (Attempt attempt = protection.begin(request.getRemoteAddr(), pending.accountKey())) {
			if (!attempt.admission().allowed()) {
				return refused(attempt.admission());
			}
			return finishSecondFactor(request, response, attempt, AccountId.of(pending.accountId()), code,
					pending.mailedCode());
		}
	}

	/**
	 * A sign-in with a passkey alone (no email typed): the answer names the passkey, so the attempt is admitted
	 * and counted against the address and the passkey's account like a password; a refused answer is a failed
	 * sign-in for the throttles, the audit trail and Secure Patrol.
	 */
	Outcome withPasskey(HttpServletRequest request, HttpServletResponse response, String answerJson) {
		java.util.Optional<Passkeys.Answer> read = passkeys.read(answerJson);
		try (Attempt attempt = protection.begin(request.getRemoteAddr(), read.map(Passkeys.Answer::accountKey).orElse(null))) {
			if (!attempt.admission().allowed()) {
				return refused(attempt.admission());
			}
			if (read.isEmpty()) {
				attempt.failed();
				events.publishEvent(new LoginFailed(null, LoginFailed.Reason.WRONG_PASSKEY, clock.instant()));
				return Outcome.FAILED;
			}
			Passkeys.Check check = passkeys.checkSignIn(read.get());
			if (!check.valid()) {
				attempt.failed();
				events.publishEvent(new LoginFailed(check.accountId(), check.refusal() == PasskeyRefused.Reason.CLONED
						? LoginFailed.Reason.CLONED_PASSKEY : LoginFailed.Reason.WRONG_PASSKEY, clock.instant()));
				return Outcome.FAILED;
			}
			if (!attempt.succeeded(check.accountId())) {
				return Outcome.FAILED; // erased while its credentials were checked
			}
			establish(request, response, check.accountId(), credentials.roles(check.accountId()), true);
			return Outcome.SIGNED_IN;
		}
	}

	/** The second step with a passkey of the account whose password was checked. */
	Outcome withPasskeySecondFactor(HttpServletRequest request, HttpServletResponse response, String answerJson) {
		PendingSecondFactor pending = pending(request);
		if (pending == null || pending.mailedCode()) {
			return Outcome.EXPIRED;
		}
		AccountId id = AccountId.of(pending.accountId());
		try (Attempt attempt = protection.begin(request.getRemoteAddr(), pending.accountKey())) {
			if (!attempt.admission().allowed()) {
				return refused(attempt.admission());
			}
			java.util.Optional<Passkeys.Answer> read = passkeys.read(answerJson);
			Passkeys.Check check = read.map(answer -> passkeys.checkSecondFactor(answer, id)).orElse(null);
			if (check == null || !check.valid()) {
				attempt.failed();
				events.publishEvent(new LoginFailed(id, check != null && check.refusal() == PasskeyRefused.Reason.CLONED
						? LoginFailed.Reason.CLONED_PASSKEY : LoginFailed.Reason.WRONG_SECOND_FACTOR, clock.instant()));
				return Outcome.FAILED;
			}
			if (!attempt.succeeded(id)) {
				return Outcome.FAILED; // erased while its credentials were checked
			}
			establish(request, response, id, credentials.roles(id), true);
			return Outcome.SIGNED_IN;
		}
	}

	/** The options for a passkey as the pending second step, or null when no password step waits for one. */
	String passkeySecondFactorOptions(HttpServletRequest request) {
		PendingSecondFactor pending = pending(request);
		if (pending == null || pending.mailedCode()) {
			return null;
		}
		AccountId id = AccountId.of(pending.accountId());
		return passkeys.has(id) ? passkeys.secondFactorOptions(id) : null;
	}

	/** Which second steps the pending account has: an authenticator app, passkeys, or both. */
	java.util.Set<Passkeys.Method> pendingMethods(HttpServletRequest request) {
		PendingSecondFactor pending = pending(request);
		return pending == null ? java.util.Set.of() : passkeys.methods(AccountId.of(pending.accountId()));
	}

	private PendingSecondFactor pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		PendingSecondFactor pending = session == null ? null : (PendingSecondFactor) session.getAttribute(PENDING);
		return pending == null || pending.expiresAtMillis() < clock.millis() ? null : pending;
	}

	/** A fresh sign-in question while sign-ins are challenged; null otherwise. */
	Questions.Question question() {
		return switches.challengesSignIns() ? questions.issue(Questions.Form.SIGN_IN, clock.instant()) : null;
	}

	/**
	 * Why the answer does not let the sign-in go on, or null when it does. The question is used up by its first
	 * answer, right or wrong, so forty copies of the right one sent at once let one sign-in through.
	 */
	private String wrongAnswer(String challenge, String answer) {
		if (challenge == null || challenge.isBlank()) {
			return CHALLENGED;
		}
		Instant now = clock.instant();
		java.util.Optional<Questions.Issued> issued = questions.verify(Questions.Form.SIGN_IN, challenge, now);
		if (issued.isEmpty()) {
			return "This question is not valid any more. Please answer the new one.";
		}
		Instant expires = issued.get().issuedAt().plus(QUESTION_VALIDITY);
		if (!now.isBefore(expires)) {
			return "This question has expired. Please answer the new one.";
		}
		if (Questions.normalize(answer) == null) {
			return "Enter the answer to the question as a number.";
		}
		if (!questions.useOnce(issued.get(), expires)) {
			return "This question was already answered. Please answer the new one.";
		}
		if (!questions.answers(challenge, issued.get(), answer)) {
			return "That is not the right answer. Please answer the new question.";
		}
		return null;
	}

	/** Whether the pending second step asks for the mailed code (a step-up) rather than the authenticator's. */
	boolean mailedCodePending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(PENDING) instanceof PendingSecondFactor pending
				&& pending.mailedCode();
	}

	boolean secondFactorPending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(PENDING) instanceof PendingSecondFactor pending
				&& pending.expiresAtMillis() >= clock.millis();
	}

	private Outcome refused(Admission admission) {
		events.publishEvent(new LoginBlocked(admission.verdict() == Admission.Verdict.ADDRESS_BLOCKED
				? LoginBlocked.Cause.ADDRESS_BLOCKED : LoginBlocked.Cause.THROTTLED,
				admission.retryAfterSeconds(), clock.instant()));
		return Outcome.refused(admission.retryAfterSeconds());
	}

	private Outcome finishSecondFactor(HttpServletRequest request, HttpServletResponse response, Attempt attempt,
			AccountId id, String code, boolean mailedCode) {
		// disabled between the password and the code: the mailed code alone must not let the account in
		if (!(mailedCode ? !credentials.disabled(id) && codes.use(id, code) : credentials.checkSecondFactor(id, code))) {
			attempt.failed();
			events.publishEvent(new LoginFailed(id, LoginFailed.Reason.WRONG_SECOND_FACTOR, clock.instant()));
			if (mailedCode) {
				return Outcome.FAILED;
			}
			return credentials.alreadyUsedCode(id, code) ? Outcome.USED_TWICE
					: credentials.spentRecoveryCode(id, code) ? Outcome.RECOVERY_CODE_SPENT : Outcome.FAILED;
		}
		if (!attempt.succeeded(id)) {
			return Outcome.FAILED; // erased while its credentials were checked
		}
		establish(request, response, id, credentials.roles(id), true);
		return Outcome.SIGNED_IN;
	}

	/**
	 * Starts the authenticated session. The session id changes here (fixation defence), the idle timeout is
	 * set, and the device summary and sign-in time are kept for the session list and the absolute timeout.
	 */
	private void establish(HttpServletRequest request, HttpServletResponse response, AccountId id, Set<String> roles,
			boolean secondFactor) {
		HttpSession session = request.getSession(false);
		if (session != null) {
			session.removeAttribute(PENDING);
			request.changeSessionId();
		}
		session = request.getSession(true);
		session.setMaxInactiveInterval((int) properties.idleTimeout().toSeconds());
		Instant now = clock.instant();
		session.setAttribute(SIGNED_IN_AT, now.toEpochMilli());
		session.setAttribute(DEVICE, DeviceSummary.of(request.getHeader("User-Agent")));
		SecurityContext context = SecurityContextHolder.createEmptyContext();
		context.setAuthentication(authentication(id, roles));
		SecurityContextHolder.setContext(context);
		contexts.saveContext(context, request, response);
		credentials.signedIn(id);
		events.publishEvent(new LoginSucceeded(id, secondFactor, now));
	}

	static UsernamePasswordAuthenticationToken authentication(AccountId id, Set<String> roles) {
		List<SimpleGrantedAuthority> authorities = new java.util.ArrayList<>();
		authorities.add(new SimpleGrantedAuthority("ROLE_USER"));
		roles.forEach(role -> authorities.add(new SimpleGrantedAuthority("ROLE_" + role)));
		return UsernamePasswordAuthenticationToken.authenticated(id.toString(), null, authorities);
	}

	private static LoginFailed.Reason reason(CredentialCheck.Outcome outcome) {
		return switch (outcome) {
			case UNKNOWN_ACCOUNT -> LoginFailed.Reason.UNKNOWN_ACCOUNT;
			case UNVERIFIED -> LoginFailed.Reason.UNVERIFIED;
			case DISABLED -> LoginFailed.Reason.DISABLED;
			default -> LoginFailed.Reason.WRONG_PASSWORD;
		};
	}

	/** Kept in the session between the password and the code; holds no secret. */
	record PendingSecondFactor(String accountId, String accountKey, long expiresAtMillis, boolean mailedCode)
			implements java.io.Serializable {

		/** The authenticator's code (a record's stream fields match by name: one kept before mailedCode reads false). */
		PendingSecondFactor(String accountId, String accountKey, long expiresAtMillis) {
			this(accountId, accountKey, expiresAtMillis, false);
		}
	}

	/**
	 * @param message why a {@code CHALLENGED} attempt did not go on
	 * @param question the fresh question a {@code CHALLENGED} attempt is to answer
	 */
	record Outcome(Kind kind, long retryAfterSeconds, String message, Questions.Question question) {

		static final Outcome SIGNED_IN = new Outcome(Kind.SIGNED_IN, 0, null, null);
		static final Outcome FAILED = new Outcome(Kind.FAILED, 0, null, null);
		/** A refused second factor that was the app's code just used: the person is told so. */
		static final Outcome USED_TWICE = new Outcome(Kind.FAILED, 0,
				"This code was just used, and a code works only once. Wait for the next code in your app.", null);
		/** A refused second factor that was a recovery code already spent. */
		static final Outcome RECOVERY_CODE_SPENT = new Outcome(Kind.FAILED, 0,
				"This recovery code was already used, and each recovery code works only once. Use another one.", null);
		static final Outcome SECOND_FACTOR_REQUIRED = new Outcome(Kind.SECOND_FACTOR_REQUIRED, 0, null, null);
		static final Outcome EXPIRED = new Outcome(Kind.EXPIRED, 0, null, null);
		static final Outcome MAILED_CODE_REQUIRED = new Outcome(Kind.MAILED_CODE_REQUIRED, 0, null, null);
		static final Outcome PASSKEY_ONLY = new Outcome(Kind.PASSKEY_ONLY, 0, null, null);

		static Outcome refused(long retryAfterSeconds) {
			return new Outcome(Kind.REFUSED, retryAfterSeconds, null, null);
		}

		static Outcome challenged(String message, Questions.Question question) {
			return new Outcome(Kind.CHALLENGED, 0, message, question);
		}

		enum Kind {
			SIGNED_IN, FAILED, SECOND_FACTOR_REQUIRED, MAILED_CODE_REQUIRED, EXPIRED, REFUSED,
			/** The right password of an account whose owner turned passwords off: a passkey signs in. */
			PASSKEY_ONLY,
			/** Sign-ins are challenged and the question was not answered right: nothing was checked. */
			CHALLENGED
		}
	}
}
