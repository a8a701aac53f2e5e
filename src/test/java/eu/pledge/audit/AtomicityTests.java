package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BiConsumer;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * An audit row and the action it records commit together or not at all. The audit module alone: it listens to
 * any {@code shared.Auditable} fact, so a test fact stands in for every other module's, and no other module
 * needs to start.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
@TestPropertySource(properties = "pledge.audit.maintenance-interval=1d")
class AtomicityTests {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher publisher;

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void anActionThatFailsAfterPublishingLeavesNoAuditRow() {
		String target = UUID.randomUUID().toString();
		assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
			jdbc.sql("INSERT INTO setup_tokens (token_hash, created_at) VALUES (:hash, CURRENT_TIMESTAMP)")
					.param("hash", target).update();
			publisher.publishEvent(AuditHttpTest.fact("thing.made", target));
			throw new IllegalStateException("the action fails after publishing its fact");
		})).hasMessageContaining("fails");
		assertThat(rows(target)).isEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM setup_tokens WHERE token_hash = :hash").param("hash", target)
				.query(Long.class).single()).isZero();
	}

	@Test
	void anActionThatCommitsHasItsRowAndNoPublicationIsLeftPending(Scenario scenario) {
		String target = UUID.randomUUID().toString();
		BiConsumer<TransactionOperations, ApplicationEventPublisher> action = (transactions, events) -> transactions
				.executeWithoutResult(status -> {
					events.publishEvent(AuditHttpTest.fact("thing.made", target));
					assertThat(rows(target)).as("written just before the commit").isEmpty();
				});
		scenario.stimulate(action).andWaitForStateChange(() -> rows(target), rows -> !rows.isEmpty())
				.andVerify(rows -> assertThat(rows).hasSize(1));
		assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE listener_id LIKE '%AuditRecorder%'")
				.query(Long.class).single()).isZero();
	}

	@Test
	void aFactPublishedOutsideATransactionIsWrittenAtOnce() {
		// Not through Scenario: it publishes inside a transaction, and this is about a fact published outside one.
		String target = UUID.randomUUID().toString();
		publisher.publishEvent(AuditHttpTest.fact("thing.made", target));
		assertThat(rows(target)).singleElement().satisfies(row -> assertThat(row.get("actor")).isNull());
	}

	private List<Map<String, Object>> rows(String target) {
		return jdbc.sql("SELECT * FROM audit_events WHERE target_id = :target ORDER BY id").param("target", target)
				.query().listOfRows();
	}
}
