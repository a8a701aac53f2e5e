package eu.pledge.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code accounts}, {@code recovery_codes} and {@code preferences} tables. */
@Repository
class AccountRepository {

	private static final String COLUMNS = """
			id, email_index, email, name, street, postal_code, city, country, password_hash, status, roles,
			totp_secret, totp_pending_secret, totp_last_step, created_at, verified_at, disabled_at, last_sign_in_at""";
	private static final String INSERT = """
			INSERT INTO accounts (id, email_index, email, name, street, postal_code, city, country, password_hash,
			  status, roles, created_at, verified_at, updated_at)
			VALUES (:id, :emailIndex, :email, :name, :street, :postalCode, :city, :country, :passwordHash,
			  :status, :roles, :now, :verifiedAt, :now)""";
	private static final String BY_ID = "SELECT " + COLUMNS + " FROM accounts WHERE id = :id";
	private static final String BY_EMAIL_INDEX = "SELECT " + COLUMNS + " FROM accounts WHERE email_index = :emailIndex";
	private static final String ACTIVATE = """
			UPDATE accounts SET status = 'ACTIVE', verified_at = :now, updated_at = :now
			WHERE id = :id AND status = 'UNVERIFIED'""";
	private static final String UPDATE_PROFILE = """
			UPDATE accounts SET name = :name, street = :street, postal_code = :postalCode, city = :city,
			  country = :country, updated_at = :now WHERE id = :id""";
	private static final String UPDATE_EMAIL = """
			UPDATE accounts SET email = :email, email_index = :emailIndex, updated_at = :now WHERE id = :id""";
	private static final String UPDATE_PASSWORD = """
			UPDATE accounts SET password_hash = :hash, updated_at = :now WHERE id = :id""";
	private static final String UPDATE_TOTP = """
			UPDATE accounts SET totp_secret = :secret, totp_pending_secret = :pending, totp_last_step = :lastStep,
			  updated_at = :now WHERE id = :id""";
	// Compare-and-set, so two concurrent requests cannot both spend the same TOTP step.
	private static final String ADVANCE_TOTP_STEP = """
			UPDATE accounts SET totp_last_step = :step
			WHERE id = :id AND (totp_last_step IS NULL OR totp_last_step < :step)""";
	private static final String COUNT_WITH_ROLE = "SELECT COUNT(*) FROM accounts WHERE roles LIKE :pattern";
	private static final String IDS_WITH_ROLE = "SELECT id FROM accounts WHERE roles LIKE :pattern ORDER BY id";
	private static final String REGISTERED = "SELECT id, email_index, status, roles, created_at FROM accounts";
	private static final String REGISTERED_FIRST = REGISTERED + " ORDER BY id LIMIT :limit";
	private static final String REGISTERED_AFTER = REGISTERED + " WHERE id > :after ORDER BY id LIMIT :limit";
	private static final String REGISTERED_ID = REGISTERED + " WHERE id = :id";
	private static final RowMapper<Registered> REGISTERED_ROW = (rs, row) -> new Registered(
			new eu.pledge.shared.AccountId(rs.getObject("id", UUID.class)), rs.getString("email_index"),
			!StoredAccount.UNVERIFIED.equals(rs.getString("status")),
			java.util.Arrays.asList(rs.getString("roles").split(",")).contains("ADMIN"),
			rs.getTimestamp("created_at").toInstant());
	// Compare-and-set: forty identical requests at once disable (or enable) the account once.
	private static final String DISABLE = """
			UPDATE accounts SET disabled_at = :now, updated_at = :now WHERE id = :id AND disabled_at IS NULL""";
	private static final String ENABLE = """
			UPDATE accounts SET disabled_at = NULL, updated_at = :now WHERE id = :id AND disabled_at IS NOT NULL""";
	private static final String SIGNED_IN = "UPDATE accounts SET last_sign_in_at = :now WHERE id = :id";
	private static final String UPDATE_ROLES = "UPDATE accounts SET roles = :roles, updated_at = :now WHERE id = :id";
	// Row locks in id order: two administrators removing each other at once are served one after the other.
	private static final String LOCK_ADMINISTRATORS = "SELECT id FROM accounts WHERE roles LIKE '%ADMIN%' ORDER BY id FOR UPDATE";
	private static final String LOCK = "SELECT " + COLUMNS + " FROM accounts WHERE id = :id FOR UPDATE";
	private static final String INSERT_RECOVERY = "INSERT INTO recovery_codes (account_id, code_hash) VALUES (:id, :hash)";
	private static final String LOCK_ACCOUNT = "SELECT id FROM accounts WHERE id = :id FOR UPDATE";
	private static final String TOTP_PENDING_AT = "SELECT totp_pending_at FROM accounts WHERE id = :id";
	private static final String START_TOTP = """
			UPDATE accounts SET totp_pending_secret = :pending, totp_pending_at = :now, updated_at = :now
			WHERE id = :id""";
	private static final String LOCK_ACCOUNT_NOW = "SELECT id FROM accounts WHERE id = :id FOR UPDATE NOWAIT";
	private static final String DELETE_RECOVERY = "DELETE FROM recovery_codes WHERE account_id = :id";
	private static final String RECOVERY_HASHES = "SELECT code_hash FROM recovery_codes WHERE account_id = :id ORDER BY code_hash";
	private static final String SPEND_RECOVERY = """
			UPDATE recovery_codes SET spent = TRUE WHERE account_id = :id AND code_hash = :hash AND spent = FALSE""";
	private static final String COUNT_RECOVERY = "SELECT COUNT(*) FROM recovery_codes WHERE account_id = :id AND spent = FALSE";
	private static final String SPENT_RECOVERY = """
			SELECT COUNT(*) FROM recovery_codes WHERE account_id = :id AND code_hash = :hash AND spent = TRUE""";

	/**
	 * Explicit mapping: the generic record mapper probes each column type by trial and error, costing eight
	 * handled exceptions per lookup on the hottest query of every authenticated request.
	 */
	private static final RowMapper<StoredAccount> ROW = (rs, row) -> new StoredAccount(rs.getObject("id", UUID.class),
			rs.getString("email_index"), rs.getString("email"), rs.getString("name"), rs.getString("street"),
			rs.getString("postal_code"), rs.getString("city"), rs.getString("country"), rs.getString("password_hash"),
			rs.getString("status"), rs.getString("roles"), rs.getString("totp_secret"),
			rs.getString("totp_pending_secret"), (Long) rs.getObject("totp_last_step", Long.class),
			instant(rs.getTimestamp("created_at")), instant(rs.getTimestamp("verified_at")),
			instant(rs.getTimestamp("disabled_at")), instant(rs.getTimestamp("last_sign_in_at")));

	private final JdbcClient jdbc;
	private final RecentProfiles recent;

	/** Every write below forgets the profile this node may have read of the account ({@link RecentProfiles}). */
	AccountRepository(JdbcClient jdbc, RecentProfiles recent) {
		this.jdbc = jdbc;
		this.recent = recent;
	}

	void insert(StoredAccount account, Instant now) {
		jdbc.sql(INSERT).param("id", account.id()).param("emailIndex", account.emailIndex())
				.param("email", account.email()).param("name", account.name()).param("street", account.street())
				.param("postalCode", account.postalCode()).param("city", account.city())
				.param("country", account.country()).param("passwordHash", account.passwordHash())
				.param("status", account.status()).param("roles", account.roles()).param("now", ts(now))
				.param("verifiedAt", account.verifiedAt() == null ? null : ts(account.verifiedAt())).update();
	}

	Optional<StoredAccount> find(UUID id) {
		return jdbc.sql(BY_ID).param("id", id).query(ROW).optional();
	}

	Optional<StoredAccount> findByEmailIndex(String emailIndex) {
		return jdbc.sql(BY_EMAIL_INDEX).param("emailIndex", emailIndex).query(ROW).optional();
	}

	boolean activate(UUID id, Instant now) {
		recent.forget(id);
		return jdbc.sql(ACTIVATE).param("id", id).param("now", ts(now)).update() == 1;
	}

	void updateProfile(UUID id, String name, String street, String postalCode, String city, String country,
			Instant now) {
		recent.forget(id);
		jdbc.sql(UPDATE_PROFILE).param("id", id).param("name", name).param("street", street)
				.param("postalCode", postalCode).param("city", city).param("country", country).param("now", ts(now))
				.update();
	}

	void updateEmail(UUID id, String email, String emailIndex, Instant now) {
		recent.forget(id);
		jdbc.sql(UPDATE_EMAIL).param("id", id).param("email", email).param("emailIndex", emailIndex)
				.param("now", ts(now)).update();
	}

	void updatePassword(UUID id, String hash, Instant now) {
		recent.forget(id);
		jdbc.sql(UPDATE_PASSWORD).param("id", id).param("hash", hash).param("now", ts(now)).update();
	}

	void updateTotp(UUID id, String secret, String pending, Long lastStep, Instant now) {
		recent.forget(id);
		jdbc.sql(UPDATE_TOTP).param("id", id).param("secret", secret).param("pending", pending)
				.param("lastStep", lastStep).param("now", ts(now)).update();
	}

	/** Stores a new pending TOTP secret (sealed) and when it was made. */
	void startTotp(UUID id, String pending, Instant now) {
		recent.forget(id);
		jdbc.sql(START_TOTP).param("id", id).param("pending", pending).param("now", ts(now)).update();
	}

	/** When the pending TOTP secret was made; empty when unknown (made before this was kept) or there is none. */
	Optional<Instant> totpPendingAt(UUID id) {
		return jdbc.sql(TOTP_PENDING_AT).param("id", id).query((rs, row) -> {
			java.sql.Timestamp at = rs.getTimestamp(1);
			return at == null ? null : at.toInstant();
		}).optional();
	}

	boolean advanceTotpStep(UUID id, long step) {
		recent.forget(id);
		return jdbc.sql(ADVANCE_TOTP_STEP).param("id", id).param("step", step).update() == 1;
	}

	boolean disable(UUID id, Instant now) {
		recent.forget(id);
		return jdbc.sql(DISABLE).param("id", id).param("now", ts(now)).update() == 1;
	}

	boolean enable(UUID id, Instant now) {
		recent.forget(id);
		return jdbc.sql(ENABLE).param("id", id).param("now", ts(now)).update() == 1;
	}

	void signedIn(UUID id, Instant now) {
		recent.forget(id);
		jdbc.sql(SIGNED_IN).param("id", id).param("now", ts(now)).update();
	}

	void updateRoles(UUID id, String roles, Instant now) {
		recent.forget(id);
		jdbc.sql(UPDATE_ROLES).param("id", id).param("roles", roles).param("now", ts(now)).update();
	}

	/** Locks every administrator's row (in id order) and returns their ids. */
	List<UUID> lockAdministrators() {
		return jdbc.sql(LOCK_ADMINISTRATORS).query(UUID.class).list();
	}

	/**
	 * Takes the account's row for a change of its credentials, or fails at once (a lock failure the web edge
	 * answers with 409) while another change holds it: such a change ends sessions and writes them in
	 * transactions of their own, and requests queueing behind it, each holding a connection, could take every
	 * connection it needs.
	 */
	void lockForCredentialChange(UUID id) {
		jdbc.sql(LOCK_ACCOUNT_NOW).param("id", id).query(Object.class).optional();
	}

	Optional<StoredAccount> lock(UUID id) {
		return jdbc.sql(LOCK).param("id", id).query(ROW).optional();
	}

	long countWithRole(String role) {
		return jdbc.sql(COUNT_WITH_ROLE).param("pattern", "%" + role + "%").query(Long.class).single();
	}

	List<UUID> idsWithRole(String role) {
		return jdbc.sql(IDS_WITH_ROLE).param("pattern", "%" + role + "%").query(UUID.class).list();
	}

	@org.springframework.transaction.annotation.Transactional
	void replaceRecoveryCodes(UUID id, Iterable<String> hashes) {
		replaceRecoveryCodesIf(id, any -> true, hashes);
	}

	/** The digests of the account's recovery codes, spent or not, in a stable order (what a replacement saw). */
	List<String> recoveryCodeHashes(UUID id) {
		return jdbc.sql(RECOVERY_HASHES).param("id", id).query(String.class).list();
	}

	/**
	 * Replaces the account's recovery codes if {@code current} holds for the digests they have under the account's
	 * lock; false, and nothing changes, when it does not (another request replaced them).
	 */
	boolean replaceRecoveryCodesIf(UUID id, java.util.function.Predicate<List<String>> current, Iterable<String> hashes) {
		recent.forget(id);
		// the account's row lock makes replacements take turns: two at once would each delete what the other had
		// not committed yet and leave both sets valid
		jdbc.sql(LOCK_ACCOUNT).param("id", id).query(Object.class).optional();
		if (!current.test(recoveryCodeHashes(id))) {
			return false;
		}
		jdbc.sql(DELETE_RECOVERY).param("id", id).update();
		for (String hash : hashes) {
			jdbc.sql(INSERT_RECOVERY).param("id", id).param("hash", hash).update();
		}
		return true;
	}

	boolean spendRecoveryCode(UUID id, String hash) {
		recent.forget(id);
		return jdbc.sql(SPEND_RECOVERY).param("id", id).param("hash", hash).update() == 1;
	}

	boolean spentRecoveryCode(UUID id, String hash) {
		return jdbc.sql(SPENT_RECOVERY).param("id", id).param("hash", hash).query(Long.class).single() > 0;
	}

	long remainingRecoveryCodes(UUID id) {
		return jdbc.sql(COUNT_RECOVERY).param("id", id).query(Long.class).single();
	}

	List<Registered> registered(UUID after, int limit) {
		// no lower bound for the first page: whether the nil UUID sorts first is the database's business
		return (after == null ? jdbc.sql(REGISTERED_FIRST) : jdbc.sql(REGISTERED_AFTER).param("after", after))
				.param("limit", limit).query(REGISTERED_ROW).list();
	}

	Optional<Registered> registered(UUID id) {
		return jdbc.sql(REGISTERED_ID).param("id", id).query(REGISTERED_ROW).optional();
	}

	/** Whether the password no longer signs in ("passkey only"); false for an account that does not exist. */
	boolean passkeyOnly(UUID id) {
		return jdbc.sql("SELECT passkey_only FROM accounts WHERE id = :id").param("id", id).query(Boolean.class)
				.optional().orElse(false);
	}

	/** Turns "passkey only" on or off; whether the row changed. */
	boolean passkeyOnly(UUID id, boolean on, Instant now) {
		recent.forget(id);
		return jdbc.sql("UPDATE accounts SET passkey_only = :on, updated_at = :now WHERE id = :id AND passkey_only <> :on")
				.param("on", on).param("now", ts(now)).param("id", id).update() == 1;
	}

	boolean passkeysUnconfirmed(UUID id) {
		return jdbc.sql("SELECT passkeys_unconfirmed FROM accounts WHERE id = :id").param("id", id)
				.query(Boolean.class).optional().orElse(false);
	}

	/** After a reset by mail (true) or the owner's answer (false). */
	void passkeysUnconfirmed(UUID id, boolean unconfirmed) {
		recent.forget(id);
		jdbc.sql("UPDATE accounts SET passkeys_unconfirmed = :u WHERE id = :id").param("u", unconfirmed)
				.param("id", id).update();
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}

	private static Timestamp ts(Instant instant) {
		return Timestamp.from(instant);
	}
}
