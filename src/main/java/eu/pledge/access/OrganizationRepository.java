package eu.pledge.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code access_organizations} table. */
@Repository
class OrganizationRepository {

	private static final String INSERT = """
			INSERT INTO access_organizations (id, name, status, created_at, updated_at)
			VALUES (:id, :name, :status, :now, :now)""";
	// closed_at keeps the first closing: renaming a closed organisation does not move its members' destruction date
	private static final String UPDATE = """
			UPDATE access_organizations SET name = :name, status = :status, updated_at = :now,
			  closed_at = CASE WHEN :status = 'CLOSED' THEN COALESCE(closed_at, :now) ELSE NULL END WHERE id = :id""";
	private static final String BY_ID = "SELECT id, name, status, created_at FROM access_organizations WHERE id = :id";
	// Serialises membership changes of one organisation, so two invitations cannot both take the last seat.
	private static final String LOCK = "SELECT id FROM access_organizations WHERE id = :id FOR UPDATE";
	private static final String ALL = "SELECT id, name, status, created_at FROM access_organizations ORDER BY name, id";

	private static final RowMapper<Organization> ROW = (rs, row) -> new Organization(rs.getObject("id", UUID.class),
			rs.getString("name"), Organization.Status.valueOf(rs.getString("status")),
			rs.getTimestamp("created_at").toInstant());

	private final JdbcClient jdbc;

	OrganizationRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Organization organization) {
		jdbc.sql(INSERT).param("id", organization.id()).param("name", organization.name())
				.param("status", organization.status().name()).param("now", Timestamp.from(organization.createdAt()))
				.update();
	}

	void update(UUID id, String name, Organization.Status status, Instant now) {
		jdbc.sql(UPDATE).param("id", id).param("name", name).param("status", status.name())
				.param("now", Timestamp.from(now)).update();
	}

	Optional<Organization> find(UUID id) {
		return jdbc.sql(BY_ID).param("id", id).query(ROW).optional();
	}

	boolean lock(UUID id) {
		return jdbc.sql(LOCK).param("id", id).query(UUID.class).optional().isPresent();
	}

	List<Organization> all() {
		return jdbc.sql(ALL).query(ROW).list();
	}
}
