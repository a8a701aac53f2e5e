package eu.pledge.web;

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

	/** Whether {@code href} is the page shown: the same path, or (for a section's list) a page below it. */
	public boolean isCurrent(String href) {
		HttpServletRequest request = request();
		if (request == null) {
			return false;
		}
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = original instanceof String uri ? uri : request.getRequestURI();
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
