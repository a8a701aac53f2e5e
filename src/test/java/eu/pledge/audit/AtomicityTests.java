package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** An audit row and the action it records commit together or not at all. */
class AtomicityTests extends AuditHttpTest {

	@Autowired
	PlatformTransactionManager transactions;

	@Test
	void anActionThatFailsAfterPublishingLeavesNoAuditRow() {
		String target = UUID.randomUUID().toString();
		assertThatThrownBy(() -> new TransactionTemplate(transactions).executeWithoutResult(status -> {
			jdbc.sql("INSERT INTO setup_tokens (token_hash, created_at) VALUES (:hash, CURRENT_TIMESTAMP)")
					.param("hash", target).update();
			publisher.publishEvent(fact("thing.made", target));
			throw new IllegalStateException("the action fails after publishing its fact");
		})).hasMessageContaining("fails");
		assertThat(rows("target_id = ?", target)).isEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM setup_tokens WHERE token_hash = :hash").param("hash", target)
				.query(Long.class).single()).isZero();
	}

	@Test
	void anActionThatCommitsHasItsRowAndNoPublicationIsLeftPending() {
		String target = UUID.randomUUID().toString();
		new TransactionTemplate(transactions).executeWithoutResult(status -> {
			publisher.publishEvent(fact("thing.made", target));
			assertThat(rows("target_id = ?", target)).as("written just before the commit").isEmpty();
		});
		assertThat(rows("target_id = ?", target)).hasSize(1);
		assertThat(jdbc.sql("SELECT COUNT(*) FROM event_publication WHERE listener_id LIKE '%AuditRecorder%'")
				.query(Long.class).single()).isZero();
	}

	@Test
	void aFactPublishedOutsideATransactionIsWrittenAtOnce() {
		String target = UUID.randomUUID().toString();
		publisher.publishEvent(fact("thing.made", target));
		assertThat(rows("target_id = ?", target)).singleElement()
				.satisfies(row -> assertThat(row.get("actor")).isNull());
	}
}
