package eu.pledge.accounts;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.privacy.Holders;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.RetentionSettings;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Vault;

/**
 * Destroys registrations whose email was never confirmed within {@code pledge.privacy.unverified-registration-lifetime}
 * (7 days by default): whoever typed that address never showed it was theirs, so nothing about it is necessary.
 * Every holder erases the account ({@link Holders#eraseAll}), then the account's own rows and its data key go, in
 * one committed batch of accounts at a time. A registration confirmed meanwhile is no longer UNVERIFIED and stays.
 */
@Component
class UnverifiedRegistrations implements RetentionRule {

	private static final String EXPIRED = """
			SELECT id FROM accounts WHERE status = 'UNVERIFIED' AND created_at < :cutoff ORDER BY created_at LIMIT :batch""";
	private static final String COUNT_EXPIRED = "SELECT COUNT(*) FROM accounts WHERE status = 'UNVERIFIED' AND created_at < :cutoff";
	private static final List<String> DELETES = List.of("DELETE FROM account_tokens WHERE account_id = :id",
			"DELETE FROM recovery_codes WHERE account_id = :id", "DELETE FROM preferences WHERE account_id = :id",
			"DELETE FROM account_name_tokens WHERE account_id = :id",
			"DELETE FROM accounts WHERE id = :id AND status = 'UNVERIFIED'");

	private final JdbcClient jdbc;
	private final Holders holders;
	private final Vault vault;
	private final RetentionSettings properties;
	private final BatchedSweep batches;
	private final RecentProfiles recentProfiles;

	UnverifiedRegistrations(JdbcClient jdbc, Holders holders, Vault vault, RetentionSettings properties,
			PlatformTransactionManager transactions, RecentProfiles recentProfiles) {
		this.recentProfiles = recentProfiles;
		this.jdbc = jdbc;
		this.holders = holders;
		this.vault = vault;
		this.properties = properties;
		this.batches = new BatchedSweep(transactions);
	}

	@Override
	public String name() {
		return "unverified-registrations";
	}

	@Override
	public String category() {
		return "identity";
	}

	@Override
	public long sweep(Instant now) {
		Timestamp cutoff = Timestamp.from(now.minus(properties.unverifiedRegistrationLifetime()));
		return batches.run(properties.sweepBatch(), size -> {
			List<UUID> ids = jdbc.sql(EXPIRED).param("cutoff", cutoff).param("batch", size).query(UUID.class).list();
			for (UUID id : ids) {
				AccountId account = new AccountId(id);
				holders.eraseAll(account);
				DELETES.forEach(delete -> jdbc.sql(delete).param("id", id).update());
				recentProfiles.forget(id);
				vault.destroy(account);
			}
			return BatchedSweep.Batch.of(ids.size());
		});
	}

	long overdue(Instant now) {
		return jdbc.sql(COUNT_EXPIRED).param("cutoff", Timestamp.from(now.minus(properties.unverifiedRegistrationLifetime())))
				.query(Long.class).single();
	}
}
