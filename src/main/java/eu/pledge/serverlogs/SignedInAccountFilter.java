package eu.pledge.serverlogs;

import java.io.IOException;
import java.util.UUID;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.RequestFilter;

/**
 * Runs just inside the security chain, where the signed-in account is known, and leaves its id in a request
 * attribute for {@link AccessLogFilter}, which runs outside the chain. Read after the handler, so a sign-in
 * request carries the account it signed in. Requests the chain refuses (401, 403) never get here and are
 * logged without an account.
 */
class SignedInAccountFilter extends RequestFilter {

	static final String ATTRIBUTE = SignedInAccountFilter.class.getName() + ".account";

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		try {
			chain.doFilter(request, response);
		}
		finally {
			AccountId account = account(SecurityContextHolder.getContext().getAuthentication());
			if (account != null) {
				request.setAttribute(ATTRIBUTE, account);
			}
		}
	}

	/** Sessions use the account id as principal name; anything else (anonymous, a client) is no account. */
	static AccountId account(Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		String name = authentication.getName();
		if (name == null || name.length() != 36) {
			return null;
		}
		try {
			return new AccountId(UUID.fromString(name));
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
