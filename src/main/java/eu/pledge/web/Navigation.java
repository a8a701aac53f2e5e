package eu.pledge.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import eu.pledge.accounts.Accounts;
import eu.pledge.shared.AccountId;

/**
 * What the menu of every page ({@code fragments :: nav}) asks: who is signed in and which entry is the page shown.
 * Public for the templates' {@code @navigation} only; no module calls it. The name is read once per page, only
 * when the menu is drawn.
 */
@Component("navigation")
public final class Navigation {

	private static final String NAME = Navigation.class.getName() + ".name";

	/** Set on a request whose page must not ask the database (a server error's, which may be the database's). */
	static final String NO_LOOKUPS = Navigation.class.getName() + ".noLookups";

	/** The menu's groups: each entry's path and label, in the order shown. */
	private static final Map<String, List<Entry>> GROUPS = Map.of(
			"account", List.of(new Entry("/", "Home"), new Entry("/account", "Profile"),
					new Entry("/account/security", "Password & second factor"), new Entry("/account/sessions", "Sessions"),
					new Entry("/account/preferences", "Preferences"), new Entry("/account/access", "Your access"),
					new Entry("/account/apps", "Apps"), new Entry("/account/audit", "Activity"),
					new Entry("/account/data", "Your data"), new Entry("/privacy", "Privacy notice")),
			"admin", List.of(new Entry("/admin/accounts", "Accounts"), new Entry("/admin/organizations", "Organisations"),
					new Entry("/admin/requests", "Requests"), new Entry("/admin/breaches", "Breaches"),
					new Entry("/admin/contact", "Contact messages"), new Entry("/admin/audit", "Audit trail"),
					new Entry("/admin/errors", "Errors"), new Entry("/admin/patrol", "Patrol"),
					new Entry("/admin/compliance", "Compliance"), new Entry("/admin/outbox", "Outbox")),
			"visitor", List.of(new Entry("/login", "Sign in"), new Entry("/register", "Create account"),
					new Entry("/contact", "Contact"), new Entry("/privacy", "Privacy notice")));

	private record Entry(String href, String label) {
	}

	/** A menu entry as a page draws it: where it leads, what it says, and whether it is the page shown. */
	public record Link(String href, String label, boolean current) {
	}

	private final Accounts accounts;

	Navigation(Accounts accounts) {
		this.accounts = accounts;
	}

	/** The signed-in person's name, or null when nobody is signed in (or the account is gone meanwhile). */
	public String signedInAs() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		HttpServletRequest request = request();
		if (request != null && request.getAttribute(NAME) instanceof String name) {
			return name;
		}
		if (request != null && request.getAttribute(NO_LOOKUPS) != null) {
			return "you";
		}
		String name;
		try {
			name = accounts.profile(AccountId.of(authentication.getName())).name();
		}
		catch (RuntimeException gone) { // erased meanwhile, or not an account id: the menu still draws
			name = "you";
		}
		if (request != null) {
			request.setAttribute(NAME, name);
		}
		return name;
	}

	/**
	 * Whether the signed-in person is a platform administrator ({@code ROLE_ADMIN}), as {@code hasRole('ADMIN')} would
	 * say: read from the authorities, where {@code #authorization.expression(…)} parsed the expression on every page
	 * (a sixth of rendering a page).
	 */
	public boolean administrator() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return false;
		}
		for (GrantedAuthority authority : authentication.getAuthorities()) {
			if ("ROLE_ADMIN".equals(authority.getAuthority())) {
				return true;
			}
		}
		return false;
	}

	/**
	 * The entries of one of the menu's groups ({@code account}, {@code admin} or {@code visitor}), the page shown
	 * marked. One loop in the template: as a fragment per entry, the menu was a sixth of drawing a page.
	 */
	public List<Link> links(String group) {
		List<Entry> entries = GROUPS.get(group);
		if (entries == null) {
			throw new IllegalArgumentException("No menu group " + group);
		}
		String path = shownPath();
		return entries.stream().map(entry -> new Link(entry.href, entry.label, path != null && isCurrent(path, entry.href)))
				.toList();
	}

	/** The path of the page shown (an error page's: the path that failed), or null outside a request. */
	private static String shownPath() {
		HttpServletRequest request = request();
		if (request == null) {
			return null;
		}
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		return original instanceof String uri ? uri : request.getRequestURI();
	}

	/** Whether {@code href} is the page shown: the same path, or (for a section's list) a page below it. */
	private static boolean isCurrent(String path, String href) {
		if (path.equals(href)) {
			return true;
		}
		boolean section = href.startsWith("/admin/") || href.equals("/account/data") || href.equals("/account/security");
		return section && path.startsWith(href + "/");
	}

	private static HttpServletRequest request() {
		return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
				? attributes.getRequest() : null;
	}
}
