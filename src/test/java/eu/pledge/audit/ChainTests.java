package eu.pledge.audit;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

/**
 * Base of the tests that close periods: each subclass gets a context (and database) of its own, because a
 * closed period stays closed, and works in 2001 so nothing else written today gets in its way.
 */
abstract class ChainTests extends AuditHttpTest {

	static final Instant DAY_ONE = Instant.parse("2001-01-01T00:00:00Z");

	@Autowired
	AuditMaintenance maintenance;

	@Autowired
	PlatformTransactionManager transactions;

	/** Publishes {@code count} facts in one transaction each, at 10:00, 10:01, … of {@code day}. */
	void factsOn(LocalDate day, int count) {
		clock.set(day.atTime(10, 0).toInstant(java.time.ZoneOffset.UTC));
		for (int i = 0; i < count; i++) {
			clock.advance(Duration.ofMinutes(1));
			new TransactionTemplate(transactions)
					.executeWithoutResult(status -> publisher.publishEvent(fact("thing.made", "n" + clock.millis())));
		}
	}

	/**
	 * Verifies the trail. A break is also a Secure Patrol detection, which Patrol's own thread writes to the trail at
	 * the clock's instant: waiting for it keeps it in this moment's period, not in one the test fills next.
	 */
	JsonNode verification() {
		long before = patrolDetections();
		JsonNode result = admin().post("/api/v1/admin/audit/verification", java.util.Map.of()).json();
		if (!result.get("valid").asBoolean()) {
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> patrolDetections() > before);
		}
		return result;
	}

	private long patrolDetections() {
		return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'patrol.detected'").query(Long.class).single();
	}
}
