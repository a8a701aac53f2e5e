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
import org.springframework.web.util.HtmlUtils;

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
			"account", List.of(Entry.of("/", "Home"), Entry.of("/account", "Profile"),
					Entry.of("/account/security", "Password & second factor"), Entry.of("/account/sessions", "Sessions"),
					Entry.of("/account/preferences", "Preferences"), Entry.of("/account/access", "Your access"),
					Entry.of("/account/apps", "Apps"), Entry.of("/account/audit", "Activity"),
					Entry.of("/account/data", "Your data"), Entry.of("/privacy", "Privacy notice")),
			"admin", List.of(Entry.of("/admin/accounts", "Accounts"), Entry.of("/admin/organizations", "Organisations"),
					Entry.of("/admin/requests", "Requests"), Entry.of("/admin/breaches", "Breaches"),
					Entry.of("/admin/contact", "Contact messages"), Entry.of("/admin/audit", "Audit trail"),
					Entry.of("/admin/errors", "Errors"), Entry.of("/admin/patrol", "Patrol"),
					Entry.of("/admin/compliance", "Compliance"), Entry.of("/admin/outbox", "Outbox")),
			"visitor", List.of(Entry.of("/login", "Sign in"), Entry.of("/register", "Create account"),
					Entry.of("/contact", "Contact"), Entry.of("/privacy", "Privacy notice")));

	/** An entry of the menu: its path, and its list item as HTML, escaped once, as shown and as the page shown. */
	private record Entry(String href, String item, String currentItem) {

		static Entry of(String href, String label) {
			String link = "<a href=\"" + HtmlUtils.htmlEscape(href) + "\"";
			String text = ">" + HtmlUtils.htmlEscape(label) + "</a></li>";
			return new Entry(href, "<li>" + link + text, "<li>" + link + " aria-current=\"page\"" + text);
		}
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
	 * The entries of one of the menu's groups ({@code account}, {@code admin} or {@code visitor}) as HTML list items,
	 * the page shown marked {@code aria-current="page"}. Built from items escaped once (the labels and paths are
	 * Pledge's own): drawn by a loop in the template, each entry set and removed its variable as a request attribute
	 * and evaluated three expressions, and the loops were a quarter of drawing an administrator's home page.
	 */
	public String menu(String group) {
		List<Entry> entries = GROUPS.get(group);
		if (entries == null) {
			throw new IllegalArgumentException("No menu group " + group);
		}
		String path = shownPath();
		StringBuilder html = new StringBuilder(64 * entries.size());
		for (Entry entry : entries) {
			html.append(path != null && isCurrent(path, entry.href) ? entry.currentItem : entry.item).append('\n');
		}
		return html.toString();
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
