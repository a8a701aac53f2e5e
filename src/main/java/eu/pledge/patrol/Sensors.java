package eu.pledge.patrol;

import java.time.Clock;
import java.util.List;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import eu.pledge.access.AccessDenied;
import eu.pledge.accounts.AccountMailRequested;
import eu.pledge.audit.AuditVerificationFailed;
import eu.pledge.errors.IngestKeyRefused;
import eu.pledge.serverlogs.RequestCompleted;
import eu.pledge.sessions.LoginFailed;
import eu.pledge.shared.AccountId;
import eu.pledge.sso.ClientAuthenticationFailed;
import eu.pledge.sso.AuthorizationCodeReused;
import eu.pledge.sso.RefreshTokenReused;

/**
 * Pledge's own detection points, fed by the facts its modules publish. Sign-in failures and access denials are
 * published on the request's thread, whose client address (as the web edge derived it) is taken here; the
 * detection is then handed to {@link Patrol} and judged off the thread. The events themselves carry no address,
 * so none ends up in the event publication log.
 */
@Component
class Sensors {

	private static final int MAX_DETAIL = 200;
	/** How Pledge refuses a path it does not serve, depending on who asks. */
	private static final java.util.Set<Integer> REFUSED = java.util.Set.of(302, 401, 403);

	private final Patrol patrol;
	private final KnownRoutes routes;
	private final Honeytraps honeytraps;
	private final Clock clock;

	Sensors(Patrol patrol, KnownRoutes routes, PatrolProperties properties, Clock clock) {
		this.patrol = patrol;
		this.routes = routes;
		this.honeytraps = new Honeytraps(properties);
		this.clock = clock;
	}

	@EventListener
	void on(LoginFailed failed) {
		Point point = failed.reason() == LoginFailed.Reason.WRONG_SECOND_FACTOR ? Point.SECOND_FACTOR_FAILED
				: Point.SIGN_IN_FAILED;
		patrol.report(new Detection(point, currentAddress(), failed.accountId(), Detection.PLEDGE,
				failed.reason().name().toLowerCase(java.util.Locale.ROOT), failed.occurredAt()));
	}

	/** Floods of mail on request: the address of the request that asked, never the one to be mailed. */
	@EventListener
	void on(AccountMailRequested requested) {
		Point point = switch (requested.kind()) {
			case PASSWORD_RESET -> Point.PASSWORD_RESET_REQUESTED;
			case REGISTRATION -> Point.REGISTRATION_REQUESTED;
			case VERIFICATION -> Point.VERIFICATION_REQUESTED;
		};
		patrol.report(new Detection(point, currentAddress(), requested.account(), Detection.PLEDGE, null,
				requested.occurredAt()));
	}

	/** A break in the audit trail is no one address's doing: counted for the system. */
	@EventListener
	void on(AuditVerificationFailed failed) {
		patrol.report(new Detection(Point.AUDIT_BROKEN, null, null, Detection.PLEDGE,
				failed.firstInvalidPeriod() == null ? "head" : failed.firstInvalidPeriod().toString(), failed.occurredAt()));
	}

	/** Published inside the ingest's filter, where {@link InputSensor} lent the request. */
	@EventListener
	void on(IngestKeyRefused refused) {
		patrol.report(new Detection(Point.INGEST_KEY_REFUSED, currentAddress(), null, Detection.PLEDGE,
				refused.reason().name().toLowerCase(java.util.Locale.ROOT), refused.occurredAt()));
	}

	/** Published at the token endpoint, on the request's thread. */
	@EventListener
	void on(ClientAuthenticationFailed failed) {
		patrol.report(new Detection(Point.SSO_CLIENT_AUTHENTICATION_FAILED, currentAddress(), null, Detection.PLEDGE,
				failed.system() == null ? "unknown-client" : failed.system(), failed.occurredAt()));
	}

	/** The family was revoked already; the detection lets a rule answer the account (end its sessions, alert). */
	@EventListener
	void on(RefreshTokenReused reused) {
		patrol.report(new Detection(Point.SSO_REFRESH_TOKEN_REUSED, currentAddress(), person(reused.account()),
				Detection.PLEDGE, reused.client(), reused.at()));
	}

	/** The tokens the code gave were revoked already; the detection lets a rule alert the administrators. */
	@EventListener
	void on(AuthorizationCodeReused reused) {
		patrol.report(new Detection(Point.SSO_AUTHORIZATION_CODE_REUSED, currentAddress(),
				person(reused.account()), Detection.PLEDGE, reused.client(), reused.at()));
	}

	/** The account an authorization's principal names, or null for a system's own (client credentials). */
	private static AccountId person(String principal) {
		try {
			return AccountId.of(principal);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	@EventListener
	void on(AccessDenied denied) {
		patrol.report(new Detection(Point.ACCESS_DENIED, currentAddress(), denied.accountId(), Detection.PLEDGE,
				denied.rule(), denied.occurredAt()));
	}

	/**
	 * Published off the request's thread, with the address. A 429 is Pledge's own answer to an address it turns
	 * away, and counts as nothing. A path no module declares is "not found" when Pledge refused it (401, 403, a
	 * redirect to sign in) as well as when it answered 404; a static file that exists answers 200 and is not.
	 */
	@EventListener
	void on(RequestCompleted request) {
		int status = request.status();
		if (status == 429 || request.path() == null) {
			return;
		}
		// A protocol endpoint's 400 or 401 (an expired grant, a refresh after the contract ended) is an answer of the
		// protocol to a system's server that acts for many people, not a probe: single sign-on reports its own points.
		Point point = status == 404 || (REFUSED.contains(status) && !routes.knows(request.path())) ? Point.NOT_FOUND
				: status == 405 ? Point.METHOD_NOT_ALLOWED
						: status == 400 && !routes.isProtocolEndpoint(request.path()) ? Point.BAD_REQUEST : null;
		if (point != null && !honeytraps.contains(request.path())) { // reported on its thread (HoneytrapSensor)
			patrol.report(new Detection(point, request.clientAddress(), request.account(), Detection.PLEDGE,
					request.method() + " " + cut(request.path()), request.time() != null ? request.time() : clock.instant()));
		}
	}

	private static String currentAddress() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest().getRemoteAddr() : null;
	}

	static String cut(String path) {
		return path.length() <= MAX_DETAIL - 8 ? path : path.substring(0, MAX_DETAIL - 8);
	}
}
