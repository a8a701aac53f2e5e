package eu.pledge.shared;

import java.security.SecureRandom;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Refuses, before the vault serves anything, a master key that is not the one this database's data keys are
 * wrapped under. Without it a node started with another key (a key file created afresh because the data
 * directory moved, a mistyped variable) started normally and then failed every sign-in and every page that opens
 * personal data — and wrote new accounts under the wrong key, mixing two keys in one database.
 * <p>
 * The first start on a database wraps a random value under the master key and stores it (the key check); every
 * later start unwraps it, one AES-GCM operation. A database from before the check has none: there, existing data
 * keys are unwrapped instead (the first of a few that opens proves the key; a wrong key opens none), and the check
 * is recorded once one does. Nodes sharing the database with the same key all pass; when two start on a fresh
 * database at once, one records the check and the other verifies it.
 */
final class MasterKeyCheck {

	private static final String SELECT = "SELECT wrapped FROM vault_key_check WHERE id = 1";
	private static final String INSERT = "INSERT INTO vault_key_check (id, wrapped, created_at) VALUES (1, :wrapped, :now)";
	// By the key, so a large vault costs an index probe, not a sort.
	private static final String SOME_DATA_KEYS = "SELECT owner_id, wrapped_key FROM vault_keys ORDER BY owner_id LIMIT 3";

	static final byte[] AAD = "pledge/vault/master-key-check".getBytes(java.nio.charset.StandardCharsets.UTF_8);

	/** The vault's key wrapping, so the check uses exactly what unwraps the data keys. */
	interface Wrapping {
		byte[] wrap(byte[] plain, byte[] aad);

		boolean unwraps(byte[] wrapped, byte[] aad);
	}

	private final JdbcClient jdbc;
	private final Clock clock;

	MasterKeyCheck(JdbcClient jdbc, Clock clock) {
		this.jdbc = jdbc;
		this.clock = clock;
	}

	/** @throws MasterKeyMismatchException when the configured master key did not wrap this database's keys */
	void verify(MasterKey master, Wrapping wrapping) {
		Optional<byte[]> check = jdbc.sql(SELECT).query(byte[].class).optional();
		if (check.isPresent()) {
			requireUnwraps(wrapping.unwraps(check.get(), AAD), master);
			return;
		}
		List<DataKey> keys = jdbc.sql(SOME_DATA_KEYS)
				.query((rs, row) -> new DataKey(rs.getObject("owner_id", UUID.class), rs.getBytes("wrapped_key"))).list();
		requireUnwraps(keys.isEmpty() || keys.stream()
				.anyMatch(key -> wrapping.unwraps(key.wrapped(), Vault.aad(new RecordKey(key.owner()), "data-key"))),
				master);
		byte[] value = new byte[32];
		new SecureRandom().nextBytes(value);
		try {
			jdbc.sql(INSERT).param("wrapped", wrapping.wrap(value, AAD)).param("now", Timestamp.from(clock.instant()))
					.update();
		}
		catch (DuplicateKeyException ex) {
			// another node started at the same moment and recorded its check first: it must be ours too
			requireUnwraps(wrapping.unwraps(jdbc.sql(SELECT).query(byte[].class).single(), AAD), master);
		}
	}

	private static void requireUnwraps(boolean unwraps, MasterKey master) {
		if (!unwraps) {
			throw new MasterKeyMismatchException(master.source());
		}
	}

	private record DataKey(UUID owner, byte[] wrapped) {
	}

	/** The configured master key is not the one this database's keys were wrapped under. */
	static class MasterKeyMismatchException extends IllegalStateException {

		MasterKeyMismatchException(String source) {
			super("Pledge refuses to start: this database's vault keys were not wrapped under " + source
					+ ". With that key no personal data could be read and nobody could sign in.");
		}
	}
}
