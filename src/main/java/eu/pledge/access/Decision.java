package eu.pledge.access;

import org.springframework.security.authorization.AuthorizationResult;

/**
 * The answer of {@link Access}: allowed or not, and the rule that decided (e.g. {@code organization-owner},
 * {@code platform-admin}, {@code contract:<id>}, {@code not-a-member}). A refusal that would reveal whether
 * the thing exists is {@code concealed}: answer it as 404, not 403.
 */
public record Decision(boolean allowed, String rule, boolean concealed) implements AuthorizationResult {

	static Decision allow(String rule) {
		return new Decision(true, rule, false);
	}

	static Decision deny(String rule) {
		return new Decision(false, rule, false);
	}

	static Decision conceal(String rule) {
		return new Decision(false, rule, true);
	}

	@Override
	public boolean isGranted() {
		return allowed;
	}
}
