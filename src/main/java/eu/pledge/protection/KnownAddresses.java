package eu.pledge.protection;

import static eu.pledge.protection.Timestamps.at;

import java.time.Instant;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.RowLocks;

/**
 * Addresses each account recently signed in from. Failures by strangers must never lock the owner out, so
 * the account-wide throttle does not apply to these addresses (the pair throttle still does).
 */
@Repository
class KnownAddresses {

	private static final String TOUCH = """
			UPDATE protection_known_addresses SET updated_at = :now, expires_at = :expires
			WHERE account_key = :key AND address = :address
			""";
	private static final String INSERT = """
			INSERT INTO protection_known_addresses (account_key, address, updated_at, expires_at)
			VALUES (:key, :address, :now, :expires)
			ON CONFLICT DO NOTHING
			""";
	private static final String EXISTS = """
			SELECT COUNT(*) FROM protection_known_addresses
			WHERE account_key = :key AND address = :address AND expires_at > :now
			""";
	private static final String DELETE_EXPIRED = "DELETE FROM protection_known_addresses WHERE expires_at <= :now";

	private final JdbcClient jdbc;
	private final ProtectionProperties properties;

	KnownAddresses(JdbcClient jdbc, ProtectionProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** Remembers (again) that the owner signed in from {@code address}; the record lives on from now. */
	void remember(String accountKey, ClientAddress address, Instant now) {
		Map<String, Object> params = Map.of("key", accountKey, "address", address.value(), "now", at(now),
				"expires", at(now.plus(properties.recordLifetime())));
		RowLocks.updateOrInsert(RowLocks.First.LOCK, () -> jdbc.sql(TOUCH).params(params).update(),
				() -> jdbc.sql(INSERT).params(params).update(), "protection_known_addresses");
	}

	boolean isKnown(String accountKey, ClientAddress address, Instant now) {
		return jdbc.sql(EXISTS).param("key", accountKey).param("address", address.value()).param("now", at(now))
				.query(Long.class).single() > 0;
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", at(now)).update();
	}
}
