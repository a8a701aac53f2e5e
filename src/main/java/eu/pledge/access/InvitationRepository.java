package eu.pledge.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code access_invitations} table: the token only as SHA-256, the invitee only as a blind index. */
@Repository
class InvitationRepository {

	private static final String INSERT = """
			INSERT INTO access_invitations (token_hash, organization_id, email_index, role, invited_by, created_at, expires_at)
			VALUES (:hash, :organization, :emailIndex, :role, :by, :now, :expiresAt)""";
	private static final String VALID = """
			SELECT organization_id, email_index, role FROM access_invitations WHERE token_hash = :hash AND expires_at > :now""";
	private static final String DELETE = "DELETE FROM access_invitations WHERE token_hash = :hash";
	private static final String PENDING = """
			SELECT COUNT(*) FROM access_invitations WHERE organization_id = :organization AND expires_at > :now""";
	private static final String LIST = """
			SELECT token_hash, role, created_at, expires_at FROM access_invitations
			WHERE organization_id = :organization AND expires_at > :now ORDER BY created_at, expires_at""";
	private static final String REVOKE = """
			DELETE FROM access_invitations WHERE token_hash = :hash AND organization_id = :organization""";
	private static final String DELETE_EXPIRED = "DELETE FROM access_invitations WHERE expires_at <= :now";

	private final JdbcClient jdbc;

	InvitationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(String tokenHash, UUID organization, String emailIndex, Role role, UUID by, Instant now,
			Instant expiresAt) {
		jdbc.sql(INSERT).param("hash", tokenHash).param("organization", organization).param("emailIndex", emailIndex)
				.param("role", role.name()).param("by", by).param("now", Timestamp.from(now))
				.param("expiresAt", Timestamp.from(expiresAt)).update();
	}

	Optional<Pending> findValid(String tokenHash, Instant now) {
		return jdbc.sql(VALID).param("hash", tokenHash).param("now", Timestamp.from(now))
				.query((rs, row) -> new Pending(tokenHash, rs.getObject("organization_id", UUID.class),
						rs.getString("email_index"), Role.valueOf(rs.getString("role"))))
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

	/** The invitations not yet accepted or expired, oldest first: role and dates only (no token, no invitee). */
	java.util.List<Memberships.PendingInvitation> list(UUID organization, Instant now) {
		return jdbc.sql(LIST).param("organization", organization).param("now", Timestamp.from(now))
				.query((rs, row) -> new Memberships.PendingInvitation(rs.getString("token_hash"),
						Role.valueOf(rs.getString("role")),
						rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("expires_at").toInstant()))
				.list();
	}

	/** Revokes an invitation of the organisation; false when it was already gone (accepted, revoked, expired). */
	boolean revoke(UUID organization, String tokenHash) {
		return jdbc.sql(REVOKE).param("hash", tokenHash).param("organization", organization).update() > 0;
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", Timestamp.from(now)).update();
	}

	record Pending(String tokenHash, UUID organizationId, String emailIndex, Role role) {
		@Override
		public String toString() {
			return "Pending[organization=" + organizationId + ", role=" + role + "]";
		}
	}
}
