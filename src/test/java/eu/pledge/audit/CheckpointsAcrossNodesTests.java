package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.SecondNode;

/**
 * Issue 11: two nodes on one database. Events the second node writes are sealed by a checkpoint the first one
 * takes, and an edit of one of them is named by the second node's verification; both nodes checkpointing at
 * once leave one contiguous, valid run of checkpoints.
 */
@TestPropertySource(properties = { "pledge.test.context=audit-checkpoints-nodes",
		"pledge.audit.checkpoint-interval=1m" })
class CheckpointsAcrossNodesTests extends ChainTests {

	@Autowired
	ChainVerification verification;

	@Test
	void eventsWrittenByAnotherNodeAreSealedAndAnEditOfOneIsNamed() throws Exception {
		try (SecondNode second = SecondNode.of(environment, Map.of("pledge.audit.checkpoint-interval", "1m"))) {
			ApiClient onSecond = new ApiClient(second.port()).from(randomAddress());
			String marker = "p-" + UUID.randomUUID().toString().substring(0, 8);
			long detected = detectedByPatrol();
			for (int i = 0; i < 3; i++) {
				assertThat(onSecond.send("POST", "/api/v1/session", Map.of("email", randomEmail(), "password", "x"),
						Map.of("X-Request-Id", marker + "-" + i)).status()).isEqualTo(401);
			}
			List<Long> written = jdbc.sql("SELECT id FROM audit_events WHERE request_id LIKE :m ORDER BY id")
					.param("m", marker + "-%").query(Long.class).list();
			assertThat(written).hasSize(3);
			// Secure Patrol writes its detection of each failed sign-in on its own thread; a write after the
			// checkpoints below, stamped by the second node's clock (30 s behind this one's), would land in what
			// they sealed
			org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> detectedByPatrol() >= detected + 3);

			// This node's clock is 30 s on: the second node's events are older than the grace.
			clock.set(Instant.now().plus(Duration.ofSeconds(30)));
			AuditMaintenance secondMaintenance = second.bean(AuditMaintenance.class);
			int checkpoints = AtOnce.run(40, i -> (i % 2 == 0 ? maintenance : secondMaintenance)::checkpoint).stream()
					.mapToInt(Integer::intValue).sum();
			assertThat(checkpoints).as("the nodes take turns; at most one each").isBetween(1, 2);

			Verification onTheOtherNode = second.bean(ChainVerification.class).verify();
			assertThat(onTheOtherNode.valid()).as(String.valueOf(onTheOtherNode.reason())).isTrue();
			assertThat(onTheOtherNode.checkpointsChecked()).isEqualTo(checkpoints);

			long edited = written.get(1);
			jdbc.sql("UPDATE audit_events SET detail = '{\"reason\":\"LOCKED\"}' WHERE id = :id").param("id", edited)
					.update();
			// This node first: a failed verification is itself an audit event (and a Patrol detection), and the
			// second node's, stamped by its clock 30 s behind this one's, would land inside what this node sealed
			assertThat(verification.verify().invalidEventId()).as("on this node").isEqualTo(edited);
			Verification named = second.bean(ChainVerification.class).verify();
			assertThat(named.valid()).isFalse();
			assertThat(named.invalidEventId()).as("and on the other").isEqualTo(edited);
		}
	}

	private long detectedByPatrol() {
		return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE action = 'patrol.detected'").query(Long.class).single();
	}
}
