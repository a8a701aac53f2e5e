package eu.pledge.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** SQL for the {@code access_contracts} and {@code access_contract_grants} tables. */
@Repository
class ContractRepository {

	private static final String INSERT = """
			INSERT INTO access_contracts (id, organization_id, status, starts_at, ends_at, seats, created_at, updated_at)
			VALUES (:id, :organization, :status, :startsAt, :endsAt, :seats, :now, :now)""";
	private static final String UPDATE = """
			UPDATE access_contracts SET status = :status, starts_at = :startsAt, ends_at = :endsAt, seats = :seats,
			  updated_at = :now WHERE id = :id""";
	private static final String INSERT_GRANT = """
			INSERT INTO access_contract_grants (contract_id, system, level) VALUES (:contract, :system, :level)""";
	private static final String DELETE_GRANTS = "DELETE FROM access_contract_grants WHERE contract_id = :contract";
	private static final String COLUMNS = "id, organization_id, status, starts_at, ends_at, seats";
	private static final String BY_ID = "SELECT " + COLUMNS + " FROM access_contracts WHERE id = :id";
	private static final String BY_ORGANIZATION = "SELECT " + COLUMNS
			+ " FROM access_contracts WHERE organization_id = :organization ORDER BY starts_at, id";
	private static final String GRANTS = """
			SELECT system, level FROM access_contract_grants WHERE contract_id = :contract ORDER BY system""";
	// The one definition of "active": status ACTIVE, of a customer organisation, and now in [starts_at, ends_at).
	private static final String ACTIVE = """
			c.status = 'ACTIVE' AND c.starts_at <= :now AND c.ends_at > :now""";
	private static final String ACTIVE_SEATS = """
			SELECT COALESCE(SUM(c.seats), 0) FROM access_contracts c
			JOIN access_organizations o ON o.id = c.organization_id AND o.status = 'ACTIVE'
			WHERE c.organization_id = :organization AND""" + " " + ACTIVE;
	private static final String GRANTS_OF_ACCOUNT = """
			SELECT g.system, g.level, c.id AS contract_id, c.ends_at AS contract_ends_at, o.id AS organization_id,
				o.name AS organization_name
			FROM access_memberships m
			JOIN access_organizations o ON o.id = m.organization_id AND o.status = 'ACTIVE'
			JOIN access_contracts c ON c.organization_id = m.organization_id
			JOIN access_contract_grants g ON g.contract_id = c.id
			WHERE m.account_id = :account AND""" + " " + ACTIVE + " ORDER BY c.starts_at, c.id";

	private final JdbcClient jdbc;

	ContractRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void insert(Contract contract, Instant now) {
		jdbc.sql(INSERT).param("id", contract.id()).param("organization", contract.organizationId())
				.param("status", contract.status().name()).param("startsAt", Timestamp.from(contract.startsAt()))
				.param("endsAt", Timestamp.from(contract.endsAt())).param("seats", contract.seats())
				.param("now", Timestamp.from(now)).update();
		insertGrants(contract);
	}

	void update(Contract contract, Instant now) {
		jdbc.sql(UPDATE).param("id", contract.id()).param("status", contract.status().name())
				.param("startsAt", Timestamp.from(contract.startsAt())).param("endsAt", Timestamp.from(contract.endsAt()))
				.param("seats", contract.seats()).param("now", Timestamp.from(now)).update();
		jdbc.sql(DELETE_GRANTS).param("contract", contract.id()).update();
		insertGrants(contract);
	}

	Optional<Contract> find(UUID id) {
		return jdbc.sql(BY_ID).param("id", id).query(this::row).optional().map(this::withGrants);
	}

	List<Contract> ofOrganization(UUID organization) {
		return jdbc.sql(BY_ORGANIZATION).param("organization", organization).query(this::row).list().stream()
				.map(this::withGrants).toList();
	}

	int activeSeats(UUID organization, Instant now) {
		return jdbc.sql(ACTIVE_SEATS).param("organization", organization).param("now", Timestamp.from(now))
				.query(Number.class).single().intValue();
	}

	/** Every grant of every active contract of every organisation the account belongs to. */
	List<SystemAccess> grantsOf(UUID account, Instant now) {
		return jdbc.sql(GRANTS_OF_ACCOUNT).param("account", account).param("now", Timestamp.from(now))
				.query((rs, row) -> new SystemAccess(rs.getString("system"), rs.getString("level"),
						rs.getObject("contract_id", UUID.class), rs.getObject("organization_id", UUID.class),
						rs.getString("organization_name"), rs.getTimestamp("contract_ends_at").toInstant()))
				.list();
	}

	private void insertGrants(Contract contract) {
		contract.systems().forEach((system, level) -> jdbc.sql(INSERT_GRANT).param("contract", contract.id())
				.param("system", system).param("level", level).update());
	}

	private Contract row(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
		return new Contract(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
				Contract.Status.valueOf(rs.getString("status")), rs.getTimestamp("starts_at").toInstant(),
				rs.getTimestamp("ends_at").toInstant(), rs.getInt("seats"), Map.of());
	}

	private Contract withGrants(Contract contract) {
		Map<String, String> grants = new LinkedHashMap<>();
		jdbc.sql(GRANTS).param("contract", contract.id())
				.query(rs -> {
					grants.put(rs.getString("system"), rs.getString("level"));
				});
		return new Contract(contract.id(), contract.organizationId(), contract.status(), contract.startsAt(),
				contract.endsAt(), contract.seats(), grants);
	}
}
