package eu.pledge.accounts;

import java.time.Instant;

/** What a person's authenticator app shows, for tests outside this package: Pledge's own {@link Totp}. */
public final class TotpCodes {

	private TotpCodes() {
	}

	/** The code of the 30-second step {@code stepsAhead} steps after the one {@code now} falls in. */
	public static String code(String base32Secret, Instant now, int stepsAhead) {
		return Totp.code(base32Secret, Totp.stepAt(now) + stepsAhead);
	}
}
