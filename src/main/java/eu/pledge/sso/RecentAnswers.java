package eu.pledge.sso;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.security.oauth2.server.authorization.OAuth2Authorization;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import eu.pledge.access.Access;
import eu.pledge.access.SystemAccess;
import eu.pledge.accounts.Accounts;
import eu.pledge.accounts.Profile;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Auditable;
import eu.pledge.shared.RecentChecks;

/**
 * The questions single sign-on's hot path asks on every request, answered from what this node checked within
 * {@code pledge.sso.recheck-after} ({@link RecentChecks}: at most a second old; an authorization's tokens forgotten
 * at once when single sign-on issues, rotates, revokes or ends them on this node): whether a person still has access to a system ({@code Access}, two queries), the
 * authorization an access token belongs to (a query and the library's JSON parse), and the name and email userinfo
 * answers with (a query and the vault). A contract's end is exact: a kept decision is not used from the instant the
 * contract it names ends. Any audited change on this node (a contract suspended, a restriction, a corrected name)
 * forgets everything once committed, so only changes made on another node take up to the second to be seen. Within
 * one request each question is asked once whatever the setting.
 */
@Component
class RecentAnswers {

	private final Access access;
	private final Accounts accounts;
	private final Clock clock;
	private final AtomicLong generation = new AtomicLong();
	private final RecentChecks<String, Optional<SystemAccess>> decisions;
	private final RecentChecks<AccountId, Profile> profiles;
	private final RecentChecks<String, OAuth2Authorization> tokens;

	RecentAnswers(Access access, Accounts accounts, Clock clock, SsoProperties properties) {
		this.access = access;
		this.accounts = accounts;
		this.clock = clock;
		this.decisions = new RecentChecks<>(properties.recheckAfter(), generation);
		this.profiles = new RecentChecks<>(properties.recheckAfter(), generation);
		this.tokens = new RecentChecks<>(properties.recheckAfter(), generation, OAuth2Authorization::getId);
	}

	/** The person's access to the system now (looking a token up, making tokens, userinfo all ask). */
	Optional<SystemAccess> level(AccountId account, String system) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		String key = account + " " + system;
		String attribute = RecentAnswers.class.getName() + "." + key;
		if (request != null) {
			@SuppressWarnings("unchecked")
			Optional<SystemAccess> known = (Optional<SystemAccess>) request.getAttribute(attribute,
					RequestAttributes.SCOPE_REQUEST);
			if (known != null) {
				return known;
			}
		}
		Optional<SystemAccess> grant = decisions.get(key, () -> access.level(account, system), Optional::isPresent);
		if (grant.isPresent() && grant.get().contractEndsAt() != null
				&& !clock.instant().isBefore(grant.get().contractEndsAt())) {
			grant = access.level(account, system); // the contract it named has ended since
		}
		if (request != null) {
			request.setAttribute(attribute, grant, RequestAttributes.SCOPE_REQUEST);
		}
		return grant;
	}

	/** The person's name, email and address as userinfo gives them. */
	Profile profile(AccountId account) {
		return profiles.get(account, () -> accounts.profile(account), profile -> true);
	}

	/** The authorization an access token belongs to, as {@code lookup} finds it; a token not found is not kept. */
	OAuth2Authorization token(String key, Supplier<OAuth2Authorization> lookup) {
		return tokens.get(key, lookup, authorization -> true);
	}

	/**
	 * Something security-relevant changed on this node (every such change is audited: a contract suspended, a
	 * membership ended, a restriction, a corrected name, an erasure): every answer is checked again, now and once it
	 * is committed. Single sign-on's own records (a token issued or refreshed) change nothing checked here.
	 */
	@EventListener
	void changed(Auditable change) {
		// A plain listener, not a transactional one: Spring Modulith would record each delivery of every audited
		// fact in its publication registry (two writes per event).
		if (!change.getClass().getPackageName().equals(RecentAnswers.class.getPackageName())) {
			forget();
		}
	}

	/** Everything is checked again, now and (inside a transaction) once more when it has committed. */
	void forget() {
		decisions.forgetAllThroughCommit();
		profiles.forgetAllThroughCommit();
		tokens.forgetAllThroughCommit();
	}

	/**
	 * An authorization's tokens were issued, rotated, revoked or ended on this node: its tokens are looked up again,
	 * now and (inside a transaction) once more when it has committed, so no lookup running meanwhile keeps what the
	 * change replaced. What is known about people and their access stays.
	 */
	void forgetAuthorization(String id) {
		tokens.forgetThroughCommit(id);
	}
}
