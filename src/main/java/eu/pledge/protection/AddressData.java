package eu.pledge.protection;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;

/**
 * The IP records linked to a person: the addresses they recently signed in from, and the failure counters
 * kept on their account (with the address a failure came from). What is shown is what is held now, each with
 * the moment it expires. Records per address across all accounts ({@code protection_addresses}) name no
 * account and are not anyone's to export or erase; they expire within {@code record-lifetime} like the rest.
 */
@Component
@Transactional
class AddressData implements PersonalDataHolder {

	private static final String KNOWN = """
			SELECT address, updated_at, expires_at FROM protection_known_addresses
			WHERE account_key = :key AND expires_at > :now ORDER BY updated_at DESC""";
	private static final String THROTTLES = """
			SELECT address, failures, last_failure_at, expires_at FROM protection_throttles
			WHERE account_key = :key AND expires_at > :now ORDER BY last_failure_at DESC""";
	/** The account's counter ({@code address} empty) sorts before its pairs': the order a sign-in takes them in. */
	private static final String LOCK_THROTTLES = """
			SELECT address FROM protection_throttles WHERE account_key = :key ORDER BY address FOR UPDATE""";
	private static final String ERASE_KNOWN = "DELETE FROM protection_known_addresses WHERE account_key = :key";
	private static final String ERASE_THROTTLES = "DELETE FROM protection_throttles WHERE account_key = :key";

	private final JdbcClient jdbc;
	private final ObjectProvider<AccountKeys> keys;
	private final ProtectionProperties properties;
	private final java.time.Clock clock;

	AddressData(JdbcClient jdbc, ObjectProvider<AccountKeys> keys, ProtectionProperties properties,
			java.time.Clock clock) {
		this.jdbc = jdbc;
		this.keys = keys;
		this.properties = properties;
		this.clock = clock;
	}

	/** An address the person signed in from; failures from it do not count against their account. */
	record KnownAddress(String address, Instant lastSignInAt, Instant expiresAt) {
		@Override
		public String toString() {
			return "KnownAddress[redacted]";
		}
	}

	/** Failed sign-ins on the person's account: from one address, or (address null) from anywhere. */
	record FailureCounter(String address, int failures, Instant lastFailureAt, Instant expiresAt) {
		@Override
		public String toString() {
			return "FailureCounter[redacted]";
		}
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("ip-addresses", "table:protection_known_addresses", properties.recordLifetime()),
				new DataStore("ip-addresses", "table:protection_throttles", properties.recordLifetime()),
				new DataStore("ip-addresses", "table:protection_addresses", properties.recordLifetime()),
				// HMACs of addresses with a count, for at most a bucket's window (no longer than the lifetime)
				new DataStore("ip-addresses", "table:protection_rate_limits", properties.recordLifetime()),
				// bans and challenges Secure Patrol or an administrator decided, and their per-address lock rows
				new DataStore("ip-addresses", "table:protection_decisions", properties.recordLifetime()),
				new DataStore("ip-addresses", "table:protection_decision_locks", properties.recordLifetime()));
	}

	@Override
	@Transactional(readOnly = true)
	public List<HeldItem> export(AccountId account) {
		Optional<String> key = key(account);
		if (key.isEmpty()) {
			return List.of();
		}
		OffsetDateTime now = Timestamps.at(clock.instant());
		List<HeldItem> items = new ArrayList<>();
		jdbc.sql(KNOWN).param("key", key.get()).param("now", now)
				.query((rs, row) -> new KnownAddress(rs.getString(1), instant(rs, 2), instant(rs, 3))).list()
				.forEach(known -> items.add(new HeldItem("ip-addresses", "known-address", known, known.expiresAt())));
		jdbc.sql(THROTTLES).param("key", key.get()).param("now", now)
				.query((rs, row) -> new FailureCounter(rs.getString(1).isEmpty() ? null : rs.getString(1), rs.getInt(2),
						instant(rs, 3), instant(rs, 4)))
				.list()
				.forEach(counter -> items.add(new HeldItem("ip-addresses", "failure-counter", counter, counter.expiresAt())));
		return items;
	}

	@Override
	public void erase(AccountId account) {
		// In the order every sign-in takes these rows (Protection: address, account, pair, then the known
		// address): a sign-in that succeeds while the account is being erased (a double-clicked erasure form's
		// other password check) holds the counters and then wants the known address; an erasure that took the
		// known address first waited for the counters, and one of the two died in a deadlock (a 409).
		key(account).ifPresent(key -> {
			jdbc.sql(LOCK_THROTTLES).param("key", key).query(String.class).list();
			jdbc.sql(ERASE_THROTTLES).param("key", key).update();
			jdbc.sql(ERASE_KNOWN).param("key", key).update();
		});
	}

	private Optional<String> key(AccountId account) {
		AccountKeys source = keys.getIfAvailable();
		return source == null ? Optional.empty() : source.keyOf(account);
	}

	private static Instant instant(java.sql.ResultSet rs, int column) throws java.sql.SQLException {
		return rs.getObject(column, OffsetDateTime.class).toInstant();
	}
}
