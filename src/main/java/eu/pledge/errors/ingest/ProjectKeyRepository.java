package eu.pledge.errors.ingest;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.stereotype.Repository;

/**
 * SQL for the ingest's side of error projects: creating a project row (the table is the errors core's) and
 * the {@code error_project_keys} table.
 */
@Repository
class ProjectKeyRepository {

	private static final String INSERT_PROJECT = """
			INSERT INTO error_projects (slug, name, created_at) VALUES (:slug, :name, :now)""";
	private static final String PROJECTS = "SELECT id, slug, name, created_at FROM error_projects ORDER BY id";
	private static final String PROJECT = "SELECT id, slug, name, created_at FROM error_projects WHERE id = :id";
	private static final String SLUG_TAKEN = "SELECT COUNT(*) FROM error_projects WHERE slug = :slug";
	private static final String INSERT_KEY = """
			INSERT INTO error_project_keys (project_id, key_hash, key_hint, created_at)
			VALUES (:project, :hash, :hint, :now)""";
	private static final String KEYS = """
			SELECT id, project_id, key_hint, created_at, revoked_at FROM error_project_keys ORDER BY project_id, id""";
	private static final String REVOKE = """
			UPDATE error_project_keys SET revoked_at = :now
			WHERE id = :id AND project_id = :project AND revoked_at IS NULL""";
	private static final String ACTIVE = "SELECT key_hash, project_id FROM error_project_keys WHERE revoked_at IS NULL";

	record ProjectRow(long id, String slug, String name, Instant createdAt) {
	}

	record KeyRow(long id, long projectId, String hint, Instant createdAt, Instant revokedAt) {
	}

	record ActiveKey(String hash, long projectId) {
	}

	private static final RowMapper<ProjectRow> PROJECT_ROW = (rs, row) -> new ProjectRow(rs.getLong("id"),
			rs.getString("slug"), rs.getString("name"), rs.getTimestamp("created_at").toInstant());

	private static final RowMapper<KeyRow> KEY_ROW = (rs, row) -> new KeyRow(rs.getLong("id"), rs.getLong("project_id"),
			rs.getString("key_hint"), rs.getTimestamp("created_at").toInstant(),
			rs.getTimestamp("revoked_at") == null ? null : rs.getTimestamp("revoked_at").toInstant());

	private final JdbcClient jdbc;

	ProjectKeyRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	long insertProject(String slug, String name, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(INSERT_PROJECT).param("slug", slug).param("name", name).param("now", Timestamp.from(now))
				.update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	boolean slugTaken(String slug) {
		return jdbc.sql(SLUG_TAKEN).param("slug", slug).query(Long.class).single() > 0;
	}

	List<ProjectRow> projects() {
		return jdbc.sql(PROJECTS).query(PROJECT_ROW).list();
	}

	Optional<ProjectRow> project(long id) {
		return jdbc.sql(PROJECT).param("id", id).query(PROJECT_ROW).optional();
	}

	long insertKey(long projectId, String hash, String hint, Instant now) {
		GeneratedKeyHolder keys = new GeneratedKeyHolder();
		jdbc.sql(INSERT_KEY).param("project", projectId).param("hash", hash).param("hint", hint)
				.param("now", Timestamp.from(now)).update(keys, "id");
		return keys.getKeyAs(Number.class).longValue();
	}

	List<KeyRow> keys() {
		return jdbc.sql(KEYS).query(KEY_ROW).list();
	}

	boolean revoke(long projectId, long keyId, Instant now) {
		return jdbc.sql(REVOKE).param("id", keyId).param("project", projectId).param("now", Timestamp.from(now))
				.update() == 1;
	}

	List<ActiveKey> activeKeys() {
		return jdbc.sql(ACTIVE).query((rs, row) -> new ActiveKey(rs.getString("key_hash"), rs.getLong("project_id")))
				.list();
	}
}
