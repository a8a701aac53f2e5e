package eu.pledge.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * SQL for the {@code access_invitations} table: the token only as SHA-256, the invitee as a blind index (to match
 * the account) and sealed under the invitation's own vault key ({@code email_key}, null for invitations older
 * than the column). Every way a row goes returns the keys, so the caller destroys them with it.
 */
@Repository
class InvitationRepository {

	private static final String INSERT = """
			INSERT INTO access_invitations (token_hash, organization_id, email_index, invitee_email, email_key, role,
			  invited_by, created_at, expires_at, mailed_at)
			VALUES (:hash, :organization, :emailIndex, :email, :key, :role, :by, :now, :expiresAt, :now)""";
	private static final String VALID = """
			SELECT organization_id, email_index, role, email_key FROM access_invitations
			WHERE token_hash = :hash AND expires_at > :now""";
	private static final String DELETE = "DELETE FROM access_invitations WHERE token_hash = :hash";
	private static final String PENDING = """
			SELECT COUNT(*) FROM access_invitations WHERE organization_id = :organization AND expires_at > :now""";
	private static final String LIST = """
			SELECT token_hash, role, created_at, expires_at, invitee_email, email_key, mailed_at FROM access_invitations
			WHERE organization_id = :organization AND expires_at > :now ORDER BY created_at, expires_at""";
	private static final String REVOKE = """
			DELETE FROM access_invitations WHERE token_hash = :hash AND organization_id = :organization""";
	private static final String RENEW = """
			UPDATE access_invitations SET token_hash = :newHash, expires_at = :expiresAt, mailed_at = :now
			WHERE token_hash = :hash AND organization_id = :organization""";
	private static final String EXPIRED_KEYS = """
			SELECT email_key FROM access_invitations WHERE expires_at <= :now AND email_key IS NOT NULL""";
	private static final String DELETE_EXPIRED = "DELETE FROM access_invitations WHERE expires_at <= :now";

	private final JdbcClient jdbc;

	InvitationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String tokenHash, UUID organization, String emailIndex, String sealedEmail, UUID emailKey, Role role,
			UUID by, Instant now, Instant expiresAt) {
		jdbc.sql(INSERT).param("hash", tokenHash).param("organization", organization).param("emailIndex", emailIndex)
				.param("email", sealedEmail).param("key", emailKey).param("role", role.name()).param("by", by)
				.param("now", Timestamp.from(now)).param("expiresAt", Timestamp.from(expiresAt)).update();
	}

	Optional<Pending> findValid(String tokenHash, Instant now) {
		return jdbc.sql(VALID).param("hash", tokenHash).param("now", Timestamp.from(now))
				.query((rs, row) -> new Pending(tokenHash, rs.getObject("organization_id", UUID.class),
						rs.getString("email_index"), Role.valueOf(rs.getString("role")),
						rs.getObject("email_key", UUID.class)))
				.optional();
	}

	/** Spends an invitation; false when another request spent it first. */
	boolean delete(String tokenHash) {
		return jdbc.sql(DELETE).param("hash", tokenHash).update() > 0;
	}

	int pending(UUID organization, Instant now) {
		return jdbc.sql(PENDING).param("organization", organization).param("now", Timestamp.from(now))
				.query(Number.class).single().intValue();
	}

	/** The invitations not yet accepted or expired, oldest first; the address still sealed. */
	List<Stored> list(UUID organization, Instant now) {
		return jdbc.sql(LIST).param("organization", organization).param("now", Timestamp.from(now))
				.query((rs, row) -> {
					Timestamp mailed = rs.getTimestamp("mailed_at");
					return new Stored(rs.getString("token_hash"), Role.valueOf(rs.getString("role")),
							rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant(),
							rs.getString("invitee_email"), rs.getObject("email_key", UUID.class),
							mailed == null ? rs.getTimestamp("created_at").toInstant() : mailed.toInstant());
				})
				.list();
	}

	/** Revokes an invitation of the organisation; false when it was already gone (accepted, revoked, expired). */
	boolean revoke(UUID organization, String tokenHash) {
		return jdbc.sql(REVOKE).param("hash", tokenHash).param("organization", organization).update() > 0;
	}

	/** Gives an invitation a new link (the old one stops working) and a new expiry; false when it was gone. */
	boolean renew(UUID organization, String tokenHash, String newHash, Instant now, Instant expiresAt) {
		return jdbc.sql(RENEW).param("hash", tokenHash).param("organization", organization).param("newHash", newHash)
				.param("now", Timestamp.from(now)).param("expiresAt", Timestamp.from(expiresAt)).update() > 0;
	}

	/** The vault keys of the invitations {@link #deleteExpired(Instant)} deletes. */
	List<UUID> expiredKeys(Instant now) {
		return jdbc.sql(EXPIRED_KEYS).param("now", Timestamp.from(now)).query(UUID.class).list();
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", Timestamp.from(now)).update();
	}

	record Pending(String tokenHash, UUID organizationId, String emailIndex, Role role, UUID emailKey) {
		@Override
		public String toString() {
			return "Pending[organization=" + organizationId + ", role=" + role + "]";
		}
	}

	/** A pending invitation's row; the address sealed (null for an invitation older than the column). */
	record Stored(String tokenHash, Role role, Instant sentAt, Instant expiresAt, String sealedEmail, UUID emailKey,
			Instant mailedAt) {
		@Override
		public String toString() {
			return "Stored[role=" + role + ", expiresAt=" + expiresAt + "]";
		}
	}
}
