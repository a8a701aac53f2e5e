package eu.pledge.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.AccountId;

/** SQL for the {@code access_noncustomers} table and the facts the customer rule reads from the others. */
@Repository
class NonCustomerRepository {

	/** Among the accounts, those who belong to an organisation that is a customer with a contract in force now. */
	private static final String CUSTOMERS_AMONG = """
			SELECT DISTINCT m.account_id FROM access_memberships m
			JOIN access_organizations o ON o.id = m.organization_id AND o.status = 'ACTIVE'
			JOIN access_contracts c ON c.organization_id = o.id
			WHERE m.account_id IN (:accounts) AND c.status = 'ACTIVE' AND c.starts_at <= :now AND c.ends_at > :now""";
	private static final String INVITED_AMONG = """
			SELECT DISTINCT email_index FROM access_invitations WHERE email_index IN (:keys) AND expires_at > :now""";
	/** Each organisation of the account with each contract that has started (none: a row of nulls). */
	private static final String ORGANIZATIONS_OF = """
			SELECT o.id, o.status, o.closed_at, m.joined_at, c.status AS contract_status, c.ends_at, c.updated_at
			FROM access_memberships m JOIN access_organizations o ON o.id = m.organization_id
			LEFT JOIN access_contracts c ON c.organization_id = o.id AND c.starts_at <= :now
			WHERE m.account_id = :account""";
	private static final String COLUMNS = "account_id, reason, stopped_at, destroy_at, notice";
	private static final String SCHEDULED_AMONG = "SELECT " + COLUMNS + " FROM access_noncustomers WHERE account_id IN (:accounts)";
	private static final String BY_ACCOUNT = "SELECT " + COLUMNS + " FROM access_noncustomers WHERE account_id = :account";
	private static final String INSERT = """
			INSERT INTO access_noncustomers (account_id, reason, stopped_at, destroy_at, notice, scheduled_at)
			VALUES (:account, :reason, :stoppedAt, :destroyAt, 'PENDING', :now)""";
	private static final String UNTOLD = """
			SELECT account_id FROM access_noncustomers WHERE notice = 'PENDING' ORDER BY destroy_at LIMIT :batch""";
	// The claim: of two sweeps, only the one whose update changed the row tells the person.
	private static final String TOLD = """
			UPDATE access_noncustomers SET notice = :notice WHERE account_id = :account AND notice = 'PENDING'""";
	private static final String DUE = """
			SELECT account_id FROM access_noncustomers WHERE destroy_at <= :now ORDER BY destroy_at LIMIT :batch""";
	private static final String DELETE = "DELETE FROM access_noncustomers WHERE account_id = :account";

	/** One organisation of an account and one of its started contracts (the contract columns null when none). */
	record OrganizationFacts(UUID organization, Organization.Status status, Instant closedAt, Instant joinedAt,
			Contract.Status contractStatus, Instant contractEndsAt, Instant contractUpdatedAt) {
	}

	private static final RowMapper<Departure.Scheduled> SCHEDULED = (rs, row) -> new Departure.Scheduled(
			new AccountId(rs.getObject("account_id", UUID.class)),
			new Departure(Departure.Reason.valueOf(rs.getString("reason")), rs.getTimestamp("stopped_at").toInstant()),
			rs.getTimestamp("destroy_at").toInstant(), rs.getString("notice"));

	private final JdbcClient jdbc;

	NonCustomerRepository(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	Set<UUID> customersAmong(Collection<UUID> accounts, Instant now) {
		return accounts.isEmpty() ? Set.of() : Set.copyOf(jdbc.sql(CUSTOMERS_AMONG).param("accounts", accounts)
				.param("now", Timestamp.from(now)).query(UUID.class).list());
	}

	Set<String> invitedAmong(Collection<String> keys, Instant now) {
		return keys.isEmpty() ? Set.of() : Set.copyOf(jdbc.sql(INVITED_AMONG).param("keys", keys)
				.param("now", Timestamp.from(now)).query(String.class).list());
	}

	List<OrganizationFacts> organizationsOf(AccountId account, Instant now) {
		return jdbc.sql(ORGANIZATIONS_OF).param("account", account.value()).param("now", Timestamp.from(now))
				.query((rs, row) -> new OrganizationFacts(rs.getObject("id", UUID.class),
						Organization.Status.valueOf(rs.getString("status")), instant(rs.getTimestamp("closed_at")),
						rs.getTimestamp("joined_at").toInstant(),
						rs.getString("contract_status") == null ? null : Contract.Status.valueOf(rs.getString("contract_status")),
						instant(rs.getTimestamp("ends_at")), instant(rs.getTimestamp("updated_at"))))
				.list();
	}

	List<Departure.Scheduled> scheduledAmong(Collection<UUID> accounts) {
		return accounts.isEmpty() ? List.of()
				: jdbc.sql(SCHEDULED_AMONG).param("accounts", accounts).query(SCHEDULED).list();
	}

	Optional<Departure.Scheduled> scheduled(AccountId account) {
		return jdbc.sql(BY_ACCOUNT).param("account", account.value()).query(SCHEDULED).optional();
	}

	void insert(AccountId account, Departure departure, Instant destroyAt, Instant now) {
		jdbc.sql(INSERT).param("account", account.value()).param("reason", departure.reason().name())
				.param("stoppedAt", Timestamp.from(departure.stoppedAt())).param("destroyAt", Timestamp.from(destroyAt))
				.param("now", Timestamp.from(now)).update();
	}

	List<UUID> untold(int batch) {
		return jdbc.sql(UNTOLD).param("batch", batch).query(UUID.class).list();
	}

	boolean told(UUID account, String notice) {
		return jdbc.sql(TOLD).param("account", account).param("notice", notice).update() == 1;
	}

	List<UUID> due(Instant now, int batch) {
		return jdbc.sql(DUE).param("now", Timestamp.from(now)).param("batch", batch).query(UUID.class).list();
	}

	/** Deletes the account's row; true for the one caller whose delete removed it. */
	boolean delete(UUID account) {
		return jdbc.sql(DELETE).param("account", account).update() == 1;
	}

	private static Instant instant(Timestamp timestamp) {
		return timestamp == null ? null : timestamp.toInstant();
	}
}
