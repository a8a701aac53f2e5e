package eu.pledge.access;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.accounts.Credentials;
import eu.pledge.privacy.Holders;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.RetentionSettings;
import eu.pledge.shared.AccountId;

/**
 * "We will store your data only as long as you remain a customer": once an organisation's last contract ended
 * more than the grace period ago, every member who belongs to no other organisation still a customer has all
 * their data destroyed (the vendor's platform administrators only lose the membership: their account is staff's), through the same erasure as the right to erasure ({@link Holders#eraseAll}). Works in
 * committed batches of accounts; an account's memberships go in the batch that erases it, so a crash never
 * leaves an account half-erased and a repeated run finds nothing left to do.
 */
@Component
class DepartedCustomers implements RetentionRule {

	/**
	 * When a contract ended: its end date, or for one ended early by an administrator the moment of that change.
	 * An organisation has departed when it had contracts and the last of them ended before the cutoff.
	 */
	static final String DEPARTED = """
			SELECT c.organization_id FROM access_contracts c GROUP BY c.organization_id
			HAVING MAX(CASE WHEN c.status = 'ENDED' THEN LEAST(c.ends_at, c.updated_at) ELSE c.ends_at END) < :cutoff""";
	/** Members of departed organisations who belong to no organisation that has not departed. */
	static final String LEAVERS = """
			SELECT DISTINCT m.account_id FROM access_memberships m
			WHERE m.organization_id IN (%1$s)
			AND NOT EXISTS (SELECT 1 FROM access_memberships o WHERE o.account_id = m.account_id
			  AND o.organization_id NOT IN (%1$s))""".formatted(DEPARTED);
	/** The same, for a known list of departed organisations; no DISTINCT, so the database can stop at the limit. */
	private static final String LEAVERS_OF = """
			SELECT m.account_id FROM access_memberships m
			WHERE m.organization_id IN (:departed)
			AND NOT EXISTS (SELECT 1 FROM access_memberships o WHERE o.account_id = m.account_id
			  AND o.organization_id NOT IN (:departed))
			LIMIT :batch""";
	private static final String DELETE_MEMBERSHIPS = "DELETE FROM access_memberships WHERE account_id IN (:accounts)";

	private final JdbcClient jdbc;
	private final Holders holders;
	private final Credentials credentials;
	private final RetentionSettings properties;
	private final BatchedSweep batches;

	DepartedCustomers(JdbcClient jdbc, Holders holders, Credentials credentials, RetentionSettings properties,
			PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.holders = holders;
		this.credentials = credentials;
		this.properties = properties;
		this.batches = new BatchedSweep(transactions);
	}

	@Override
	public String name() {
		return "departed-customers";
	}

	@Override
	public String category() {
		return "identity";
	}

	@Override
	public long sweep(Instant now) {
		// Which organisations have departed is decided once per run: one that departs meanwhile waits for the next.
		List<UUID> departed = jdbc.sql(DEPARTED).param("cutoff", Timestamp.from(now.minus(properties.customerGracePeriod())))
				.query(UUID.class).list();
		if (departed.isEmpty()) {
			return 0;
		}
		return batches.run(properties.sweepBatch(), size -> {
			List<UUID> batch = jdbc.sql(LEAVERS_OF).param("departed", departed).param("batch", size).query(UUID.class)
					.list();
			// a member of two departed organisations appears twice
			List<UUID> accounts = List.copyOf(new java.util.LinkedHashSet<>(batch));
			int erased = 0;
			for (UUID account : accounts) {
				// The vendor's own administrators are staff, not the customer's data: they only lose the membership.
				if (!credentials.roles(new AccountId(account)).contains("ADMIN")) {
					holders.eraseAll(new AccountId(account));
					erased++;
				}
			}
			if (!accounts.isEmpty()) {
				jdbc.sql(DELETE_MEMBERSHIPS).param("accounts", accounts).update();
			}
			return new BatchedSweep.Batch(batch.size(), erased);
		});
	}

	/** How many accounts are past the customer rule at {@code now} (the compliance check). */
	long overdue(Instant now) {
		return jdbc.sql("SELECT COUNT(*) FROM (" + LEAVERS + ") leavers")
				.param("cutoff", Timestamp.from(now.minus(properties.customerGracePeriod()))).query(Long.class).single();
	}
}
