package eu.pledge.access;

import java.time.Clock;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.accounts.Credentials;
import eu.pledge.privacy.Restrictions;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Permission;
import eu.pledge.shared.Rejected;

/**
 * The one authorization decision point: may this account do this (on this organisation)? Deny by default:
 * every permission names the rules that allow it, anything else is refused, and every refusal is published
 * as {@link AccessDenied}. Roles and memberships are read on every decision, so a removal or a contract's
 * end takes effect on the very next request.
 */
@Service
@Transactional(readOnly = true)
public class Access {

	private final Credentials credentials;
	private final MembershipRepository memberships;
	private final ContractRepository contracts;
	private final SystemCatalogue catalogue;
	private final Denials denials;
	private final Clock clock;
	private final ObjectProvider<Restrictions> restrictions;

	Access(Credentials credentials, MembershipRepository memberships, ContractRepository contracts,
			SystemCatalogue catalogue, Denials denials, Clock clock, ObjectProvider<Restrictions> restrictions) {
		this.restrictions = restrictions;
		this.credentials = credentials;
		this.memberships = memberships;
		this.contracts = contracts;
		this.catalogue = catalogue;
		this.denials = denials;
		this.clock = clock;
	}

	/**
	 * Decides, and publishes {@link AccessDenied} on a refusal.
	 *
	 * @param target the organisation id for organisation permissions, {@code system:level} for
	 *        {@link Permission#USE_SYSTEM}, ignored otherwise
	 */
	public Decision check(AccountId account, Permission permission, String target) {
		Decision decision = decide(account, permission, target);
		if (!decision.allowed()) {
			denials.publish(account, permission, target, decision.rule());
		}
		return decision;
	}

	/** {@link #check} for code that must stop on a refusal: a 404 when concealed, else a 403. */
	public void require(AccountId account, Permission permission, String target) {
		Decision decision = check(account, permission, target);
		if (!decision.allowed()) {
			throw refusal(permission, decision);
		}
	}

	/**
	 * For the route table of the web security: the route needs {@code permission} on the organisation named
	 * by the path variable {@code organizationVariable} (null for permissions without a target). A refused
	 * {@link Decision} that is {@link Decision#concealed() concealed} should be answered as 404.
	 */
	public AuthorizationManager<RequestAuthorizationContext> requires(Permission permission, String organizationVariable) {
		return (authentication, context) -> signedIn(authentication.get())
				.map(account -> check(account, permission,
						organizationVariable == null ? null : context.getVariables().get(organizationVariable)))
				.orElse(NOT_SIGNED_IN);
	}

	/** For the route table: the route needs {@code system} at {@code level} or higher. */
	public AuthorizationManager<RequestAuthorizationContext> requiresSystem(String system, String level) {
		if (catalogue.rank(system, level) < 0) {
			throw new IllegalArgumentException("Unknown system level " + system + ":" + level);
		}
		return (authentication, context) -> signedIn(authentication.get())
				.map(account -> check(account, Permission.USE_SYSTEM, system + ":" + level))
				.orElse(NOT_SIGNED_IN);
	}

	// Nothing to record: the entry point asks the stranger to sign in.
	private static final Decision NOT_SIGNED_IN = Decision.deny("not-signed-in");

	private static Optional<AccountId> signedIn(Authentication who) {
		if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken) {
			return Optional.empty();
		}
		return Optional.of(AccountId.from(who));
	}

	/**
	 * Per system, the highest level granted by an active contract of any of the account's organisations; nothing
	 * while the person has restricted the processing of their data (privacy), or an administrator disabled the
	 * account: no access to the vendor's systems (single sign-on tokens stop at their next look-up).
	 */
	public List<SystemAccess> effectiveAccess(AccountId account) {
		if (restricted(account) || credentials.disabled(account)) {
			return List.of();
		}
		Map<String, SystemAccess> best = new LinkedHashMap<>();
		for (SystemAccess grant : contracts.grantsOf(account.value(), clock.instant())) {
			if (catalogue.rank(grant.system(), grant.level()) < 0) {
				continue; // a level the catalogue no longer has grants nothing
			}
			best.merge(grant.system(), grant, (a, b) -> rank(b) > rank(a) ? b : a);
		}
		return best.values().stream()
				.sorted(Comparator.comparingInt(grant -> List.copyOf(catalogue.systems().keySet()).indexOf(grant.system())))
				.toList();
	}

	/** The account's access to one system now, if any. */
	public Optional<SystemAccess> level(AccountId account, String system) {
		return effectiveAccess(account).stream().filter(grant -> grant.system().equals(system)).findFirst();
	}

	/** The decision without recording it: for showing or hiding a button, never for letting something through. */
	Decision decide(AccountId account, Permission permission, String target) {
		if (account == null || permission == null) {
			return Decision.deny("deny-by-default");
		}
		return switch (permission) {
			case OWN_ACCOUNT -> Decision.allow("own-account");
			case PLATFORM_ADMIN -> platformAdmin(account) ? Decision.allow("platform-admin")
					: Decision.deny("not-a-platform-admin");
			case VIEW_ORGANIZATION, MANAGE_MEMBERS -> organization(account, permission, target);
			case USE_SYSTEM -> system(account, target);
		};
	}

	boolean platformAdmin(AccountId account) {
		return credentials.roles(account).contains("ADMIN");
	}

	private Decision organization(AccountId account, Permission permission, String target) {
		UUID organization = uuid(target);
		if (organization == null) {
			return Decision.conceal("no-such-organization");
		}
		if (platformAdmin(account)) {
			return Decision.allow("platform-admin");
		}
		Optional<Role> role = memberships.role(organization, account);
		if (role.isEmpty()) {
			return Decision.conceal("not-a-member");
		}
		if (permission == Permission.VIEW_ORGANIZATION || role.get().manages()) {
			return Decision.allow("organization-" + role.get().name().toLowerCase());
		}
		return Decision.deny("organization-" + role.get().name().toLowerCase() + "-cannot-manage");
	}

	private Decision system(AccountId account, String target) {
		String[] parts = target == null ? new String[0] : target.split(":", 2);
		if (parts.length != 2 || catalogue.rank(parts[0], parts[1]) < 0) {
			return Decision.deny("unknown-system-level");
		}
		if (restricted(account)) {
			return Decision.deny("processing-restricted");
		}
		Optional<SystemAccess> granted = level(account, parts[0]);
		if (granted.isEmpty()) {
			return Decision.deny("no-active-contract");
		}
		if (rank(granted.get()) < catalogue.rank(parts[0], parts[1])) {
			return Decision.deny("level-too-low:contract:" + granted.get().contractId());
		}
		return Decision.allow("contract:" + granted.get().contractId());
	}

	/** Whether the person restricted processing; asked at every system decision, so lifting takes effect at once. */
	boolean restricted(AccountId account) {
		Restrictions check = restrictions.getIfAvailable();
		return check != null && check.isRestricted(account);
	}

	private int rank(SystemAccess grant) {
		return catalogue.rank(grant.system(), grant.level());
	}

	static Rejected refusal(Permission permission, Decision decision) {
		if (decision.concealed()) {
			return new Rejected(HttpStatus.NOT_FOUND, "There is no such organisation.");
		}
		return new Rejected(HttpStatus.FORBIDDEN, switch (permission) {
			case PLATFORM_ADMIN -> "Only platform administrators can do this.";
			case MANAGE_MEMBERS -> "Only the organisation's owners and admins can manage its members.";
			case USE_SYSTEM -> "None of your organisations' active contracts grants this.";
			default -> "You are not allowed to do this.";
		});
	}

	static UUID uuid(String value) {
		try {
			return value == null ? null : UUID.fromString(value);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
