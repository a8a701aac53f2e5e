package eu.pledge.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.AccountId;

/** SQL for the {@code access_memberships} table. */
@Repository
class MembershipRepository {

	private static final String INSERT = """
			INSERT INTO access_memberships (organization_id, account_id, role, joined_at)
			VALUES (:organization, :account, :role, :now)""";
	private static final String DELETE = """
			DELETE FROM access_memberships WHERE organization_id = :organization AND account_id = :account""";
	private static final String ROLE = """
			SELECT role FROM access_memberships WHERE organization_id = :organization AND account_id = :account""";
	private static final String MEMBERS = """
			SELECT account_id, role, joined_at FROM access_memberships WHERE organization_id = :organization
			ORDER BY joined_at, account_id""";
	private static final String COUNT = "SELECT COUNT(*) FROM access_memberships WHERE organization_id = :organization";
	private static final String COUNT_ROLE = """
			SELECT COUNT(*) FROM access_memberships WHERE organization_id = :organization AND role = :role""";
	private static final String OF_ACCOUNT = """
			SELECT o.id, o.name, o.status, o.created_at, m.role FROM access_memberships m
			JOIN access_organizations o ON o.id = m.organization_id WHERE m.account_id = :account ORDER BY o.name, o.id""";

	private final JdbcClient jdbc;

	MembershipRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(UUID organization, AccountId account, Role role, Instant now) {
		jdbc.sql(INSERT).param("organization", organization).param("account", account.value())
				.param("role", role.name()).param("now", Timestamp.from(now)).update();
	}

	boolean delete(UUID organization, AccountId account) {
		return jdbc.sql(DELETE).param("organization", organization).param("account", account.value()).update() > 0;
	}

	Optional<Role> role(UUID organization, AccountId account) {
		return jdbc.sql(ROLE).param("organization", organization).param("account", account.value())
				.query(String.class).optional().map(Role::valueOf);
	}

	List<Member> members(UUID organization) {
		return jdbc.sql(MEMBERS).param("organization", organization)
				.query((rs, row) -> new Member(new AccountId(rs.getObject("account_id", UUID.class)),
						Role.valueOf(rs.getString("role")), rs.getTimestamp("joined_at").toInstant()))
				.list();
	}

	int count(UUID organization) {
		return jdbc.sql(COUNT).param("organization", organization).query(Number.class).single().intValue();
	}

	int count(UUID organization, Role role) {
		return jdbc.sql(COUNT_ROLE).param("organization", organization).param("role", role.name())
				.query(Number.class).single().intValue();
	}

	List<Membership> of(AccountId account) {
		return jdbc.sql(OF_ACCOUNT).param("account", account.value())
				.query((rs, row) -> new Membership(new Organization(rs.getObject("id", UUID.class), rs.getString("name"),
						Organization.Status.valueOf(rs.getString("status")), rs.getTimestamp("created_at").toInstant()),
						Role.valueOf(rs.getString("role"))))
				.list();
	}
}
