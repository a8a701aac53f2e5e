package eu.pledge.patrol;

import java.util.Locale;

/**
 * A detection point: one kind of thing a legitimate user rarely does and an attacker does often, named as in
 * rules ({@code sign-in-failed}) with its OWASP AppSensor code.
 */
public enum Point {

	/** AE2, multiple failed passwords: a wrong password, an unknown account, or an unverified one. */
	SIGN_IN_FAILED("AE2"),
	/** AE2 for the second factor: a wrong one-time code or recovery code after a right password. */
	SECOND_FACTOR_FAILED("AE2"),
	/** ACE3, force browsing: the decision point refused an account a route, an organisation or a system. */
	ACCESS_DENIED("ACE3"),
	/** ACE3, force browsing: a path that does not exist (404). */
	NOT_FOUND("ACE3"),
	/** RE2, an HTTP method the route does not support (405). */
	METHOD_NOT_ALLOWED("RE2"),
	/** RE6–RE8, a request Pledge could not take: malformed, missing or unexpected data (400). */
	BAD_REQUEST("RE8"),
	/** HT2, a honey-trap resource: a path no legitimate client asks for ({@code /.env}, {@code /wp-login.php}, …). */
	HONEYTRAP("HT2"),
	/**
	 * UT4, frequency of feature use (the AE floods): a password-reset link asked for, whether or not the
	 * address has an account.
	 */
	PASSWORD_RESET_REQUESTED("UT4"),
	/** UT4, frequency of feature use: a registration sent (a new account, or an address already registered). */
	REGISTRATION_REQUESTED("UT4"),
	/** UT4, frequency of feature use: a verification mail sent again (registering an unverified address anew). */
	VERIFICATION_REQUESTED("UT4"),
	/**
	 * IE1 (cross-site scripting), CIE1 (SQL injection) and IE3 (black-listed input: path traversal, template and
	 * JNDI strings): a value carrying an injection payload in a parameter, the path or a header. The detail is the
	 * kind and the parameter's name, never the value.
	 */
	INPUT_PAYLOAD("IE1"),
	/** SE2, adding a new cookie: a session id Pledge does not know (forged, guessed, or long expired). */
	UNKNOWN_SESSION("SE2"),
	/** SE5 and SE6 together: a live session used from another address and another browser within minutes. */
	SESSION_HIJACK_SUSPECTED("SE5"),
	/** IE6, violation of security log integrity: verifying the audit trail found a break. */
	AUDIT_BROKEN("IE6"),
	/** AE2 for machines: a Sentry DSN key the error ingest does not know, or one of another project. */
	INGEST_KEY_REFUSED("AE2"),
	/** AE2 for single sign-on: a client of a system failed to authenticate at the token endpoint (wrong secret). */
	SSO_CLIENT_AUTHENTICATION_FAILED("AE2"),
	/** SE5-like for tokens: a refresh token presented after it was exchanged, so someone holds a copy of it. */
	SSO_REFRESH_TOKEN_REUSED("SE5"),
	/**
	 * SE5-like for codes: an authorization code presented after it was exchanged, or again while its exchange ran
	 * (a replayed callback, a code taken from a redirect).
	 */
	SSO_AUTHORIZATION_CODE_REUSED("SE5");

	private final String appSensor;

	Point(String appSensor) {
		this.appSensor = appSensor;
	}

	/** The OWASP AppSensor detection point this one is. */
	public String appSensor() {
		return appSensor;
	}

	/** The name rules and the API use: {@code sign-in-failed}. */
	public String id() {
		return name().toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
