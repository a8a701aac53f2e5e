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
	HONEYTRAP("HT2");

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
