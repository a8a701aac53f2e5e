package eu.pledge.contact;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.Vault;

/**
 * Submissions per client address in a fixed window, and the answered challenges. The address is never stored:
 * only an HMAC of it under a key derived from the master key (IPv4 whole, IPv6 by its /64 network, as the
 * protection module counts), so the table cannot be reversed by trying all addresses without that key. Each
 * statement commits on its own: a refused submission must count, and an answered challenge stay used.
 */
@Repository
class SubmissionLimits {

	private static final String COUNT = """
			UPDATE contact_rate_limits SET
				submissions = CASE WHEN expires_at <= :now THEN 1 ELSE submissions + 1 END,
				window_start = CASE WHEN expires_at <= :now THEN :now ELSE window_start END,
				expires_at = CASE WHEN expires_at <= :now THEN :expires ELSE expires_at END
			WHERE address_hash = :hash""";
	private static final String INSERT_FIRST = """
			INSERT INTO contact_rate_limits (address_hash, submissions, window_start, expires_at)
			VALUES (:hash, 1, :now, :expires)
			ON CONFLICT DO NOTHING""";
	private static final String READ = "SELECT submissions, expires_at FROM contact_rate_limits WHERE address_hash = :hash";
	private static final String USE = """
			INSERT INTO contact_used_challenges (challenge_id, expires_at) VALUES (:id, :expires)
			ON CONFLICT DO NOTHING""";
	private static final String DELETE_EXPIRED_COUNTERS = "DELETE FROM contact_rate_limits WHERE expires_at <= :now";
	private static final String DELETE_EXPIRED_CHALLENGES = "DELETE FROM contact_used_challenges WHERE expires_at <= :now";

	/** The count in the current window and when the window ends. */
	record Count(int submissions, Instant windowEnd) {
	}

	private final JdbcClient jdbc;
	private final Vault vault;

	SubmissionLimits(JdbcClient jdbc, Vault vault) {
		this.jdbc = jdbc;
		this.vault = vault;
	}

	/** Counts one submission from {@code address} (as derived by the web edge); empty when it is no address. */
	Optional<Count> count(String address, Duration window, Instant now) {
		Optional<String> hash = hash(address);
		if (hash.isEmpty()) {
			return Optional.empty();
		}
		Map<String, Object> params = Map.of("hash", hash.get(), "now", Timestamp.from(now), "expires",
				Timestamp.from(now.plus(window)));
		if (jdbc.sql(COUNT).params(params).update() == 0 && jdbc.sql(INSERT_FIRST).params(params).update() == 0) {
			jdbc.sql(COUNT).params(params).update(); // another request inserted it meanwhile
		}
		return jdbc.sql(READ).param("hash", hash.get())
				.query((rs, row) -> new Count(rs.getInt(1), rs.getTimestamp(2).toInstant())).optional();
	}

	/** Marks a challenge answered; false when it already was (a replay). */
	boolean use(String challengeId, Instant expires) {
		return jdbc.sql(USE).param("id", challengeId).param("expires", Timestamp.from(expires)).update() == 1;
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED_COUNTERS).param("now", Timestamp.from(now)).update()
				+ jdbc.sql(DELETE_EXPIRED_CHALLENGES).param("now", Timestamp.from(now)).update();
	}

	private Optional<String> hash(String address) {
		if (address == null || address.isEmpty() || address.length() > 45 || !address.matches("[0-9A-Fa-f:.]+")) {
			return Optional.empty();
		}
		try {
			// Only literals reach here (the pattern above), so this never looks anything up in DNS.
			byte[] bytes = InetAddress.getByName(address).getAddress();
			byte[] network = bytes.length == 16 ? Arrays.copyOf(bytes, 8) : bytes;
			return Optional.of(HexFormat.of().formatHex(vault.sign("contact-rate-limit", network)));
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
	}
}
