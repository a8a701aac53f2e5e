package eu.pledge.accounts;

import java.time.Instant;
import java.util.Base64;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;

/**
 * "We will protect your data": name, email and address columns hold vault ciphertext only. Samples the newest
 * accounts and checks every value has the vault's shape (base64 of version byte, 12-byte IV, ciphertext and
 * 16-byte tag); a value with an '@', or that is not base64, or decodes to short or readable text, is plaintext.
 * Also checks that unconfirmed registrations do not outlive their period.
 */
@Component
class EncryptedColumnsCheck implements ComplianceCheck {

	static final List<String> ENCRYPTED = List.of("email", "name", "street", "postal_code", "city", "country");
	private static final String SAMPLE = "SELECT id, " + String.join(", ", ENCRYPTED)
			+ " FROM accounts ORDER BY created_at DESC LIMIT 1000";
	private static final int MIN_SEALED = 1 + 12 + 16;

	private final JdbcClient jdbc;
	private final UnverifiedRegistrations unverified;
	private final RetentionSettings privacy;

	EncryptedColumnsCheck(JdbcClient jdbc, UnverifiedRegistrations unverified, RetentionSettings privacy) {
		this.jdbc = jdbc;
		this.unverified = unverified;
		this.privacy = privacy;
	}

	@Override
	public String promise() {
		return "personal-data-encrypted-at-rest";
	}

	@Override
	public Result check(Instant now) {
		long[] counts = new long[2]; // rows, plaintext values
		jdbc.sql(SAMPLE).query(rs -> {
			counts[0]++;
			for (String column : ENCRYPTED) {
				if (!sealed(rs.getString(column))) {
					counts[1]++;
				}
			}
		});
		long overdue = unverified.overdue(now.minus(privacy.sweepInterval()));
		String sampled = counts[0] + " accounts sampled, columns " + String.join(", ", ENCRYPTED);
		if (counts[1] > 0) {
			return Result.fail(counts[1] + " values in plaintext (" + sampled + ")");
		}
		if (overdue > 0) {
			return Result.fail(overdue + " unconfirmed registrations older than "
					+ privacy.unverifiedRegistrationLifetime().toDays() + " days");
		}
		return Result.pass("every value is vault ciphertext (" + sampled + "); no unconfirmed registration older than "
				+ privacy.unverifiedRegistrationLifetime().toDays() + " days");
	}

	static boolean sealed(String value) {
		if (value == null || value.indexOf('@') >= 0) {
			return value == null;
		}
		byte[] bytes;
		try {
			bytes = Base64.getDecoder().decode(value);
		}
		catch (IllegalArgumentException notBase64) {
			return false;
		}
		return bytes.length >= MIN_SEALED && bytes[0] == 1;
	}
}
