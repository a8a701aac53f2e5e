package eu.pledge.accounts;

import static eu.pledge.shared.Route.Rule.PUBLIC;
import static eu.pledge.shared.Route.Rule.SIGNED_IN;
import static org.springframework.http.HttpMethod.DELETE;
import static org.springframework.http.HttpMethod.GET;
import static org.springframework.http.HttpMethod.PATCH;
import static org.springframework.http.HttpMethod.POST;
import static org.springframework.http.HttpMethod.PUT;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Route;
import eu.pledge.shared.Routes;

/** Registration, verification, reset and set-up are public; a person's own account is theirs once signed in. */
@Component
class AccountRoutes implements Routes {

	@Override
	public List<Route> routes() {
		return List.of(
				// registration, verification, reset, email change confirmation, set-up (pages)
				new Route(GET, "/register", PUBLIC), new Route(POST, "/register", PUBLIC),
				new Route(GET, "/verify", PUBLIC), new Route(POST, "/verify", PUBLIC),
				new Route(GET, "/password-reset", PUBLIC), new Route(POST, "/password-reset", PUBLIC),
				new Route(GET, "/password-reset/confirm", PUBLIC), new Route(POST, "/password-reset/confirm", PUBLIC),
				new Route(GET, "/email/confirm", PUBLIC), new Route(POST, "/email/confirm", PUBLIC),
				new Route(GET, "/setup", PUBLIC), new Route(POST, "/setup", PUBLIC),
				// the same through the API (an email change is confirmed by the token in the mail, not a session)
				new Route(POST, "/api/v1/accounts", PUBLIC),
				new Route(POST, "/api/v1/accounts/verification", PUBLIC),
				new Route(POST, "/api/v1/password-reset", PUBLIC),
				new Route(POST, "/api/v1/password-reset/confirmation", PUBLIC),
				new Route(POST, "/api/v1/me/email/confirmation", PUBLIC),
				// a person's own account (pages)
				new Route(GET, "/account", SIGNED_IN), new Route(POST, "/account", SIGNED_IN),
				new Route(GET, "/account/email", SIGNED_IN), new Route(POST, "/account/email", SIGNED_IN),
				new Route(GET, "/account/security", SIGNED_IN), new Route(POST, "/account/password", SIGNED_IN),
				new Route(POST, "/account/totp", SIGNED_IN), new Route(GET, "/account/totp", SIGNED_IN),
				new Route(POST, "/account/totp/confirm", SIGNED_IN),
				new Route(POST, "/account/totp/remove", SIGNED_IN),
				new Route(GET, "/account/recovery-codes", SIGNED_IN), new Route(POST, "/account/recovery-codes", SIGNED_IN),
				new Route(POST, "/account/passkeys/new", SIGNED_IN), new Route(POST, "/account/passkeys", SIGNED_IN),
				new Route(POST, "/account/passkeys/{reference}/remove", SIGNED_IN),
				new Route(POST, "/account/passkey-only", SIGNED_IN),
				new Route(POST, "/account/passkeys/confirm", SIGNED_IN),
				new Route(POST, "/account/passkeys/recheck/options", SIGNED_IN),
				new Route(GET, "/account/preferences", SIGNED_IN), new Route(POST, "/account/preferences", SIGNED_IN),
				// a person's own account (API)
				new Route(GET, "/api/v1/me", SIGNED_IN), new Route(PATCH, "/api/v1/me", SIGNED_IN),
				new Route(POST, "/api/v1/me/email", SIGNED_IN), new Route(POST, "/api/v1/me/password", SIGNED_IN),
				new Route(GET, "/api/v1/me/preferences", SIGNED_IN), new Route(PUT, "/api/v1/me/preferences", SIGNED_IN),
				new Route(POST, "/api/v1/me/totp", SIGNED_IN), new Route(DELETE, "/api/v1/me/totp", SIGNED_IN),
				new Route(POST, "/api/v1/me/totp/confirmation", SIGNED_IN));
	}
}
