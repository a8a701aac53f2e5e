package eu.pledge.accounts;

/**
 * A second factor being set up: the secret to type in, the otpauth URI and the same as a QR code image
 * (a PNG data URI rendered on the server). A secret: {@link #toString()} redacts it.
 */
public record TotpEnrolment(String secret, String otpauthUri, String qrCode) {

	@Override
	public String toString() {
		return "TotpEnrolment[redacted]";
	}
}
