package eu.pledge.accounts;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.support.RequestContextUtils;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * Platform administrators must use two-step sign-in ({@code pledge.accounts.admin-two-step-required}, on by
 * default): one without a second factor is sent to the set-up page from every page until it is on, and the API
 * refuses them with a 403 that says why. Whether someone is an administrator is taken from the session for the
 * person's own pages (no query per request for everyone else) and from the database for the administration
 * itself, so an account made administrator while signed in cannot use the console without a second factor either.
 */
@Component
class AdministratorTwoStep implements HandlerInterceptor, WebMvcConfigurer {

	static final String SET_UP = "/account/security";
	static final String MESSAGE = "Platform administrators must use two-step sign-in. Set it up now to continue.";
	/** What an administrator without a second factor may still reach: setting one up, signing out, the basics. */
	private static final java.util.List<String> OPEN = java.util.List.of(SET_UP, "/account/totp", "/api/v1/me/totp",
			"/account/passkeys",
			"/logout", "/api/v1/session", "/login", "/error", "/css/", "/js/", "/favicon", "/privacy");

	private final AccountsProperties properties;
	private final Credentials credentials;
	private final Passkeys passkeys;

	AdministratorTwoStep(AccountsProperties properties, Credentials credentials, Passkeys passkeys) {
		this.properties = properties;
		this.credentials = credentials;
		this.passkeys = passkeys;
	}

	@Override
	public void addInterceptors(InterceptorRegistry registry) {
		registry.addInterceptor(this);
	}

	@Override
	public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
			throws java.io.IOException {
		if (!properties.adminTwoStepRequired()) {
			return true;
		}
		Authentication who = SecurityContextHolder.getContext().getAuthentication();
		if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken) {
			return true;
		}
		String path = request.getRequestURI().substring(request.getContextPath().length());
		if (OPEN.stream().anyMatch(path::startsWith)) {
			return true;
		}
		boolean administration = path.startsWith("/admin") || path.startsWith("/api/v1/admin");
		boolean adminSession = who.getAuthorities().stream().anyMatch(role -> "ROLE_ADMIN".equals(role.getAuthority()));
		if (!administration && !adminSession) {
			return true;
		}
		AccountId id;
		try {
			id = AccountId.from(who);
		}
		catch (RuntimeException ex) {
			return true; // not a person's session (no account id): nothing to require
		}
		// A passkey asked for after the password counts as the second factor, as an authenticator app does.
		if (!credentials.administratorWithoutSecondFactor(id) || passkeys.hasSecondFactor(id)) {
			return true;
		}
		if (path.startsWith("/api/")) {
			throw new Rejected(HttpStatus.FORBIDDEN, MESSAGE);
		}
		FlashMap flash = new FlashMap();
		flash.put("error", MESSAGE);
		flash.setTargetRequestPath(SET_UP);
		RequestContextUtils.getFlashMapManager(request).saveOutputFlashMap(flash, request, response);
		response.sendRedirect(request.getContextPath() + SET_UP);
		return false;
	}
}
