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
import eu.pledge.protection.Admission;
import eu.pledge.protection.Attempt;
import eu.pledge.protection.Protection;
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

	private final Accounts accounts;
	private final Credentials credentials;
	private final Protection protection;
	private final SecurityContextRepository contexts;
	private final SessionsProperties properties;
	private final Clock clock;
	private final ApplicationEventPublisher events;
	private final StepUps stepUps;
	private final SignInCodes codes;
	private final SessionMails mails;
	/**
	 * At most one password check per core at a time. Each Argon2id verification fills ~19 MiB; more of them
	 * in flight than cores only interleave, evict each other from the caches and give the garbage collector
	 * more live blocks to copy (measured: -25% logins/s with twice as many as cores, docs/PERFORMANCE.md),
	 * and with Tomcat's 200 threads they could claim gigabytes. Further requests queue here, in order.
	 */
	private final Semaphore passwordChecks = new Semaphore(Runtime.getRuntime().availableProcessors(), true);

	SignIn(Accounts accounts, Credentials credentials, Protection protection, SecurityContextRepository contexts,
			SessionsProperties properties, Clock clock, ApplicationEventPublisher events, StepUps stepUps,
			SignInCodes codes, SessionMails mails) {
		this.accounts = accounts;
		this.credentials = credentials;
		this.protection = protection;
		this.contexts = contexts;
		this.properties = properties;
		this.clock = clock;
		this.events = events;
		this.stepUps = stepUps;
		this.codes = codes;
		this.mails = mails;
	}

	/** The first step: email and password, and the TOTP or recovery code when the caller already has it. */
	Outcome withPassword(HttpServletRequest request, HttpServletResponse response, String email, String password,
			String secondFactorCode) {
		String accountKey = accounts.accountKey(email == null ? "" : email);
		try (Attempt attempt = protection.begin(request.getRemoteAddr(), accountKey)) {
			if (!attempt.admission().allowed()) {
				return refused(attempt.admission());
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
			// A step-up (Secure Patrol) asks an account without an authenticator for a code mailed to it.
			boolean mailedCode = !check.secondFactorRequired() && stepUps.requiredUntil(check.accountId()).isPresent();
			if (check.secondFactorRequired() || mailedCode) {
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
			attempt.succeeded();
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
		if (!(mailedCode ? codes.use(id, code) : credentials.checkSecondFactor(id, code))) {
			attempt.failed();
			events.publishEvent(new LoginFailed(id, LoginFailed.Reason.WRONG_SECOND_FACTOR, clock.instant()));
			return Outcome.FAILED;
		}
		attempt.succeeded();
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

	record Outcome(Kind kind, long retryAfterSeconds) {

		static final Outcome SIGNED_IN = new Outcome(Kind.SIGNED_IN, 0);
		static final Outcome FAILED = new Outcome(Kind.FAILED, 0);
		static final Outcome SECOND_FACTOR_REQUIRED = new Outcome(Kind.SECOND_FACTOR_REQUIRED, 0);
		static final Outcome MAILED_CODE_REQUIRED = new Outcome(Kind.MAILED_CODE_REQUIRED, 0);
		static final Outcome EXPIRED = new Outcome(Kind.EXPIRED, 0);

		static Outcome refused(long retryAfterSeconds) {
			return new Outcome(Kind.REFUSED, retryAfterSeconds);
		}

		enum Kind {
			SIGNED_IN, FAILED, SECOND_FACTOR_REQUIRED, MAILED_CODE_REQUIRED, EXPIRED, REFUSED
		}
	}
}
