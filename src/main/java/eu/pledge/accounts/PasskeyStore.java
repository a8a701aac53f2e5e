package eu.pledge.accounts;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.AuthenticatorTransport;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.AttestationObject;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Vault;

/**
 * Spring Security's credential records in {@code passkeys}, the personal parts sealed under the account's key.
 * <p>
 * Saving a record that exists is Spring's update after a sign-in: it writes the new sign counter only if the
 * counter went up (or both are zero, for authenticators that keep none) in one conditional update, so of two
 * answers carrying the same counter (a cloned authenticator, or one answer replayed at once on two nodes) only
 * one passes; the other is {@link ClonedAuthenticator}.
 */
@Component
class PasskeyStore implements UserCredentialRepository {

	private static final String COLUMNS = "credential_index, account_id, credential_id, label, public_key, "
			+ "attestation_object, attestation_client_data, signature_count, uv_initialized, backup_eligible, "
			+ "backup_state, transports, aaguid, created_at, last_used_at";
	private static final String INSERT = "INSERT INTO passkeys (" + COLUMNS + ") VALUES (:index, :account, "
			+ ":credential, :label, :key, :attestation, :clientData, :count, :uv, :be, :bs, :transports, :aaguid, "
			+ ":now, NULL)";
	private static final String BY_INDEX = "SELECT " + COLUMNS + " FROM passkeys WHERE credential_index = :index";
	private static final String BY_ACCOUNT = "SELECT " + COLUMNS
			+ " FROM passkeys WHERE account_id = :account ORDER BY created_at, credential_index";
	private static final String COUNT = "SELECT COUNT(*) FROM passkeys WHERE account_id = :account";
	private static final String ADVANCE = """
			UPDATE passkeys SET signature_count = :count, backup_state = :bs, last_used_at = :now
			WHERE credential_index = :index AND (signature_count < :count OR (signature_count = 0 AND :count = 0))""";
	private static final String DELETE = "DELETE FROM passkeys WHERE credential_index = :index";
	private static final String ACCOUNT_OF = "SELECT account_id FROM passkeys WHERE credential_index = :index";

	private final JdbcClient jdbc;
	private final PasskeyUsers users;
	private final Vault vault;
	private final Clock clock;
	private final ObjectConverter converter = new ObjectConverter();

	PasskeyStore(JdbcClient jdbc, PasskeyUsers users, Vault vault, Clock clock) {
		this.jdbc = jdbc;
		this.users = users;
		this.vault = vault;
		this.clock = clock;
	}

	/** A passkey as the account's own pages show it: a short reference, the name and the dates. */
	record Stored(AccountId account, String reference, String label, String aaguid, long signatureCount,
			Instant createdAt, Instant lastUsedAt, CredentialRecord record) {

		@Override
		public String toString() {
			return "Stored[" + reference + "]";
		}
	}

	/** The sign counter did not go up. */
	static final class ClonedAuthenticator extends RuntimeException {

		ClonedAuthenticator() {
			super("The passkey's sign counter did not go up", null, false, false);
		}
	}

	@Override
	public void save(CredentialRecord record) {
		String index = index(record.getCredentialId());
		Instant now = clock.instant();
		if (jdbc.sql(ACCOUNT_OF).param("index", index).query(UUID.class).optional().isPresent()) {
			int updated = jdbc.sql(ADVANCE).param("count", record.getSignatureCount())
					.param("bs", record.isBackupState()).param("now", Timestamp.from(now)).param("index", index)
					.update();
			if (updated != 1) {
				throw new ClonedAuthenticator();
			}
			return;
		}
		AccountId account = users.account(record.getUserEntityUserId())
				.orElseThrow(() -> new IllegalStateException("A passkey for a user handle no account has"));
		Bytes attestation = record.getAttestationObject();
		jdbc.sql(INSERT).param("index", index).param("account", account.value())
				.param("credential", vault.seal(account, "passkey_id", record.getCredentialId().toBase64UrlString()))
				.param("label", vault.seal(account, "passkey_label", record.getLabel()))
				.param("key", vault.seal(account, "passkey_key", record.getPublicKey() == null ? ""
						: new Bytes(record.getPublicKey().getBytes()).toBase64UrlString()))
				.param("attestation", vault.seal(account, "passkey_attestation",
						attestation == null ? "" : attestation.toBase64UrlString()))
				.param("clientData", record.getAttestationClientDataJSON() == null ? null
						: vault.seal(account, "passkey_client_data", record.getAttestationClientDataJSON().toBase64UrlString()))
				.param("count", record.getSignatureCount()).param("uv", record.isUvInitialized())
				.param("be", record.isBackupEligible()).param("bs", record.isBackupState())
				.param("transports", record.getTransports().stream().map(AuthenticatorTransport::getValue).sorted()
						.collect(Collectors.joining(",")))
				.param("aaguid", aaguid(attestation)).param("now", Timestamp.from(now)).update();
	}

	@Override
	public CredentialRecord findByCredentialId(Bytes credentialId) {
		return find(credentialId).map(Stored::record).orElse(null);
	}

	@Override
	public List<CredentialRecord> findByUserId(Bytes userId) {
		return users.account(userId).map(account -> list(account).stream().map(Stored::record).toList())
				.orElse(List.of());
	}

	@Override
	public void delete(Bytes credentialId) {
		jdbc.sql(DELETE).param("index", index(credentialId)).update();
	}

	Optional<Stored> find(Bytes credentialId) {
		return jdbc.sql(BY_INDEX).param("index", index(credentialId)).query(this::row).optional();
	}

	/** The account a credential belongs to, without opening anything. */
	Optional<AccountId> accountOf(Bytes credentialId) {
		return jdbc.sql(ACCOUNT_OF).param("index", index(credentialId)).query(UUID.class).optional()
				.map(AccountId::new);
	}

	List<Stored> list(AccountId account) {
		return jdbc.sql(BY_ACCOUNT).param("account", account.value()).query(this::row).list();
	}

	long count(AccountId account) {
		return jdbc.sql(COUNT).param("account", account.value()).query(Long.class).single();
	}

	/** Removes one of the account's passkeys by its reference; false when it has none by that reference. */
	boolean remove(AccountId account, String reference) {
		return list(account).stream().filter(stored -> stored.reference().equals(reference)).findFirst()
				.map(stored -> jdbc.sql(DELETE).param("index", index(stored.record().getCredentialId())).update() == 1)
				.orElse(false);
	}

	void eraseAll(AccountId account) {
		jdbc.sql("DELETE FROM passkeys WHERE account_id = :account").param("account", account.value()).update();
		jdbc.sql("DELETE FROM passkey_users WHERE account_id = :account").param("account", account.value()).update();
		jdbc.sql("DELETE FROM passkey_challenges WHERE account_id = :account").param("account", account.value())
				.update();
	}

	/**
	 * The short reference of a passkey shown to its owner and in the audit trail: the first twelve characters of
	 * the keyed index, so the credential id itself never leaves the vault.
	 */
	static String reference(String index) {
		return index.substring(0, 12);
	}

	String index(Bytes credentialId) {
		return vault.blindIndex("passkey:" + credentialId.toBase64UrlString());
	}

	private Stored row(ResultSet rs, int row) throws SQLException {
		AccountId account = new AccountId(rs.getObject("account_id", UUID.class));
		String credentialId = vault.open(account, "passkey_id", rs.getString("credential_id"));
		String label = vault.open(account, "passkey_label", rs.getString("label"));
		String key = vault.open(account, "passkey_key", rs.getString("public_key"));
		String attestation = vault.open(account, "passkey_attestation", rs.getString("attestation_object"));
		String clientData = vault.open(account, "passkey_client_data", rs.getString("attestation_client_data"));
		Bytes handle = users.handle(account).orElseGet(() -> new Bytes(new byte[0]));
		Timestamp lastUsed = rs.getTimestamp("last_used_at");
		Instant created = rs.getTimestamp("created_at").toInstant();
		Set<AuthenticatorTransport> transports = Arrays.stream(rs.getString("transports").split(","))
				.filter(value -> !value.isBlank()).map(AuthenticatorTransport::valueOf).collect(Collectors.toSet());
		ImmutableCredentialRecord record = ImmutableCredentialRecord.builder()
				.credentialType(PublicKeyCredentialType.PUBLIC_KEY).credentialId(Bytes.fromBase64(credentialId))
				.userEntityUserId(handle).publicKey(new ImmutablePublicKeyCose(Bytes.fromBase64(key).getBytes()))
				.signatureCount(rs.getLong("signature_count")).uvInitialized(rs.getBoolean("uv_initialized"))
				.transports(transports).backupEligible(rs.getBoolean("backup_eligible"))
				.backupState(rs.getBoolean("backup_state")).attestationObject(Bytes.fromBase64(attestation))
				.attestationClientDataJSON(clientData == null ? null : Bytes.fromBase64(clientData)).created(created)
				.lastUsed(lastUsed == null ? created : lastUsed.toInstant()).label(label).build();
		return new Stored(account, reference(rs.getString("credential_index")), label, rs.getString("aaguid"),
				rs.getLong("signature_count"), created, lastUsed == null ? null : lastUsed.toInstant(), record);
	}

	private String aaguid(Bytes attestation) {
		if (attestation == null) {
			return null;
		}
		try {
			AttestationObject object = converter.getCborConverter().readValue(attestation.getBytes(),
					AttestationObject.class);
			return object == null || object.getAuthenticatorData().getAttestedCredentialData() == null ? null
					: object.getAuthenticatorData().getAttestedCredentialData().getAaguid().toString();
		}
		catch (RuntimeException ex) {
			return null;
		}
	}
}
