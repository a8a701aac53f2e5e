package eu.pledge.sessions;

import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Vault;

/**
 * Where a browser goes after signing in when it was on its way somewhere else: another module (single sign-on's
 * authorization endpoint) remembers its own address before sending a stranger to {@code /login}, and the sign-in
 * pages continue there instead of the person's home page. Only a path of Pledge itself is kept, never another
 * origin, so the sign-in page cannot be made to forward anyone elsewhere. The path waits in the session's row
 * sealed by the vault: an invitation's single-use token in it, or an authorization request's parameters, are not
 * in the clear at rest (and a row written by hand is no path).
 */
@Component
public class SignInContinuation {

	static final String ATTRIBUTE = "pledge.continueAfterSignIn";
	private static final String PURPOSE = "sign-in-continuation";
	private static final int MAX_LENGTH = 4_000;

	private final Vault vault;

	SignInContinuation(Vault vault) {
		this.vault = vault;
	}

	/** Remembers {@code pathAndQuery} (a path of Pledge, with its query) in the browser's session. */
	public void remember(HttpServletRequest request, String pathAndQuery) {
		if (isOwnPath(pathAndQuery)) {
			request.getSession(true).setAttribute(ATTRIBUTE, vault.sealFor(PURPOSE, pathAndQuery));
		}
	}

	/** The remembered path, forgotten as it is taken. */
	Optional<String> take(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		if (session == null || !(session.getAttribute(ATTRIBUTE) instanceof String sealed)) {
			return Optional.empty();
		}
		session.removeAttribute(ATTRIBUTE);
		return vault.openFor(PURPOSE, sealed).filter(SignInContinuation::isOwnPath);
	}

	/** Whether a path is pending, without taking it. */
	boolean pending(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(ATTRIBUTE) instanceof String;
	}

	/** When the browser's session was signed in, if it is. */
	public Optional<java.time.Instant> signedInAt(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session != null && session.getAttribute(SignIn.SIGNED_IN_AT) instanceof Long millis
				? Optional.of(java.time.Instant.ofEpochMilli(millis)) : Optional.empty();
	}

	static boolean isOwnPath(String path) {
		return path != null && path.length() <= MAX_LENGTH && path.startsWith("/") && !path.startsWith("//")
				&& !path.startsWith("/\\") && path.chars().noneMatch(c -> c < 0x21 || c == '\\' || c > 0x7e);
	}
}
