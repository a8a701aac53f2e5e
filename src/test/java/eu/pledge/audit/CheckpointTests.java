package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import tools.jackson.databind.JsonNode;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.testing.AtOnce;

/**
 * Issue 11: the open period is sealed every minute, not once a day. An event older than the last checkpoint
 * that is changed, deleted or slipped in is named (period, checkpoint, event id) by the verification; so is the
 * newest checkpoint deleted together with its events. Erasure and closing keep working. Each test breaks
 * something, so each gets a context (and database) of its own.
 */
// The interval the rule "not within half an interval of the last checkpoint" uses; each context lives for one
// test, seconds, so the scheduled run (one interval after the start) never comes.
@TestPropertySource(properties = { "pledge.test.context=audit-checkpoints", "pledge.audit.checkpoint-interval=1m" })
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class CheckpointTests extends ChainTests {

	static final LocalDate DAY = LocalDate.parse("2001-05-01");

	@Autowired
	AuditData auditData;

	/** Five facts at 10:01 … 10:05 and a checkpoint at 10:30 (the grace is 10 s). */
	private void fiveFactsCheckpointed() {
		factsOn(DAY, 5);
		assertThat(checkpointAt(DAY.atTime(10, 30))).isOne();
	}

	@Test
	void anEditOfTheOpenPeriodIsNamedAtOnceNotWhenTheDayCloses() {
		fiveFactsCheckpointed();
		JsonNode intact = verificationAt(DAY.atTime(10, 31));
		assertThat(intact.get("valid").asBoolean()).isTrue();
		assertThat(intact.get("periodsChecked").asInt()).isZero();
		assertThat(intact.get("checkpointsChecked").asInt()).isOne();
		assertThat(Instant.parse(intact.get("sealedThrough").asString()))
				.isEqualTo(DAY.atTime(10, 29, 50).toInstant(ZoneOffset.UTC));

		long edited = eventIds().get(2);
		jdbc.sql("UPDATE audit_events SET outcome = 'FAILURE' WHERE id = :id").param("id", edited).update();

		JsonNode tampered = verificationAt(DAY.atTime(10, 32));
		assertThat(tampered.get("valid").asBoolean()).isFalse();
		assertThat(tampered.get("firstInvalidPeriod").asString()).isEqualTo(DAY.toString());
		assertThat(tampered.get("invalidCheckpoint").asInt()).isOne();
		assertThat(tampered.get("invalidEventId").asLong()).isEqualTo(edited);
		assertThat(tampered.get("reason").asString()).contains("Event " + edited).contains("changed");
	}

	@Test
	void aDeletedEventIsNamed() {
		fiveFactsCheckpointed();
		long deleted = eventIds().get(0);
		jdbc.sql("DELETE FROM audit_events WHERE id = :id").param("id", deleted).update();

		JsonNode tampered = verificationAt(DAY.atTime(10, 31));
		assertThat(tampered.get("valid").asBoolean()).isFalse();
		assertThat(tampered.get("invalidEventId").asLong()).isEqualTo(deleted);
		assertThat(tampered.get("reason").asString()).contains("deleted");
	}

	@Test
	void anEventSlippedInAmongTheSealedOnesIsNamed() {
		fiveFactsCheckpointed();
		jdbc.sql("""
				INSERT INTO audit_events (period, occurred_at, action, outcome, detail)
				VALUES (:period, :at, 'role.granted', 'SUCCESS', '{}')""").param("period", DAY)
				.param("at", DAY.atTime(10, 2, 30).atOffset(ZoneOffset.UTC)).update();
		long added = jdbc.sql("SELECT MAX(id) FROM audit_events WHERE action = 'role.granted'").query(Long.class).single();

		JsonNode tampered = verificationAt(DAY.atTime(10, 31));
		assertThat(tampered.get("valid").asBoolean()).isFalse();
		assertThat(tampered.get("invalidEventId").asLong()).isEqualTo(added);
		assertThat(tampered.get("reason").asString()).contains("added");
	}

	@Test
	void theNewestCheckpointDeletedWithItsEventsIsNamedByTheHead() {
		fiveFactsCheckpointed();
		factsAt(DAY.atTime(11, 0), 3);
		assertThat(checkpointAt(DAY.atTime(11, 30))).isOne();
		assertThat(verificationAt(DAY.atTime(11, 31)).get("checkpointsChecked").asInt()).isEqualTo(2);

		// Someone removes the last hour: its events and the checkpoint that sealed them.
		jdbc.sql("DELETE FROM audit_events WHERE occurred_at >= :from AND occurred_at < :to")
				.param("from", DAY.atTime(11, 0).atOffset(ZoneOffset.UTC)).param("to", DAY.atTime(11, 30).atOffset(ZoneOffset.UTC))
				.update();
		jdbc.sql("DELETE FROM audit_checkpoints WHERE period = :period AND seq = 2").param("period", DAY).update();

		JsonNode truncated = verificationAt(DAY.atTime(11, 32));
		assertThat(truncated.get("valid").asBoolean()).isFalse();
		assertThat(truncated.get("firstInvalidPeriod").asString()).isEqualTo(DAY.toString());
		assertThat(truncated.get("invalidCheckpoint").asInt()).isEqualTo(2);
		assertThat(truncated.get("reason").asString()).contains("is gone");
	}

	@Test
	void aCheckpointDeletedBetweenOthersIsNamed() {
		fiveFactsCheckpointed();
		factsAt(DAY.atTime(11, 0), 2);
		checkpointAt(DAY.atTime(11, 30));
		factsAt(DAY.atTime(12, 0), 2);
		checkpointAt(DAY.atTime(12, 30));
		jdbc.sql("DELETE FROM audit_checkpoints WHERE period = :period AND seq = 2").param("period", DAY).update();

		JsonNode gap = verificationAt(DAY.atTime(12, 31));
		assertThat(gap.get("valid").asBoolean()).isFalse();
		assertThat(gap.get("invalidCheckpoint").asInt()).isEqualTo(2);
	}

	@Test
	void aForgedCheckpointRecordIsNamed() {
		fiveFactsCheckpointed();
		// Someone edits an event and writes the matching digest into the checkpoint: without the key the
		// signature cannot follow.
		jdbc.sql("UPDATE audit_checkpoints SET digest = :digest").param("digest", "ab".repeat(32)).update();

		JsonNode forged = verificationAt(DAY.atTime(10, 31));
		assertThat(forged.get("valid").asBoolean()).isFalse();
		assertThat(forged.get("invalidCheckpoint").asInt()).isOne();
		assertThat(forged.get("reason").asString()).contains("signature");
	}

	@Test
	void eventsYoungerThanTheGraceWaitForTheNextCheckpoint() {
		factsOn(DAY, 2); // 10:01, 10:02
		// At 10:02:05 the second event is younger than the 10 s grace: only the first is sealed.
		assertThat(checkpointAt(DAY.atTime(10, 2, 5))).isOne();
		assertThat(jdbc.sql("SELECT event_count FROM audit_checkpoints").query(Long.class).single()).isOne();
		// Within half an interval of the last checkpoint (another node's, say) nothing is written.
		assertThat(checkpointAt(DAY.atTime(10, 2, 20))).isZero();
		assertThat(checkpointAt(DAY.atTime(10, 3, 10))).isOne();
		assertThat(jdbc.sql("SELECT event_count FROM audit_checkpoints WHERE seq = 2").query(Long.class).single())
				.isOne();
		// Nothing new: no checkpoint.
		assertThat(checkpointAt(DAY.atTime(10, 5))).isZero();
		assertThat(verificationAt(DAY.atTime(10, 6)).get("valid").asBoolean()).isTrue();
	}

	@Autowired
	Checkpoints checkpoints;

	@Test
	void aBacklogIsSplitIntoCheckpointsOfBoundedSize() {
		factsOn(DAY, 5);
		checkpoints.maxEvents = 2;
		assertThat(checkpointAt(DAY.atTime(10, 30))).isEqualTo(3);
		assertThat(jdbc.sql("SELECT event_count FROM audit_checkpoints ORDER BY seq").query(Long.class).list())
				.containsExactly(2L, 2L, 1L);
		JsonNode split = verificationAt(DAY.atTime(10, 31));
		assertThat(split.get("valid").asBoolean()).isTrue();
		assertThat(split.get("checkpointsChecked").asInt()).isEqualTo(3);
		long edited = eventIds().get(3);
		jdbc.sql("UPDATE audit_events SET outcome = 'FAILURE' WHERE id = :id").param("id", edited).update();
		JsonNode named = verificationAt(DAY.atTime(10, 32));
		assertThat(named.get("invalidCheckpoint").asInt()).isEqualTo(2);
		assertThat(named.get("invalidEventId").asLong()).isEqualTo(edited);
	}

	@Test
	void fortyCheckpointRunsAtOnceWriteOneContiguousCheckpoint() throws Exception {
		factsOn(DAY, 5);
		clock.set(DAY.atTime(10, 30).toInstant(ZoneOffset.UTC));
		int written = AtOnce.times(40, maintenance::checkpoint).stream().mapToInt(Integer::intValue).sum();
		assertThat(written).isOne();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_checkpoints").query(Long.class).single()).isOne();
		assertThat(verificationAt(DAY.atTime(10, 31)).get("valid").asBoolean()).isTrue();
	}

	@Test
	void closingTheDayVerifiesItsCheckpointsAndDropsThem() {
		fiveFactsCheckpointed();
		clock.set(DAY.plusDays(1).atTime(1, 0).toInstant(ZoneOffset.UTC));
		maintenance.run();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_periods WHERE period = :period").param("period", DAY)
				.query(Long.class).single()).isOne();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_checkpoints").query(Long.class).single()).isZero();
		JsonNode closed = verificationAt(DAY.plusDays(1).atTime(1, 1));
		assertThat(closed.get("valid").asBoolean()).isTrue();
		assertThat(closed.get("periodsChecked").asInt()).isOne();
	}

	@Test
	void aDayWhoseCheckpointFailsIsNotSealedOverTheChange() {
		fiveFactsCheckpointed();
		long edited = eventIds().get(4);
		jdbc.sql("UPDATE audit_events SET action = 'nothing.happened' WHERE id = :id").param("id", edited).update();
		clock.set(DAY.plusDays(1).atTime(1, 0).toInstant(ZoneOffset.UTC));
		maintenance.run();

		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_periods").query(Long.class).single()).isZero();
		JsonNode stillNamed = verificationAt(DAY.plusDays(1).atTime(1, 1));
		assertThat(stillNamed.get("valid").asBoolean()).isFalse();
		assertThat(stillNamed.get("invalidEventId").asLong()).isEqualTo(edited);
	}

	@Test
	void erasureRewritesSealedRowsAndTheCheckpointsStillVerify() {
		AccountId erased = AccountId.random();
		AccountId bystander = AccountId.random();
		factOf(DAY.atTime(10, 1), erased, bystander);
		factOf(DAY.atTime(10, 2), bystander, erased);
		factOf(DAY.atTime(10, 3), bystander, bystander);
		checkpointAt(DAY.atTime(10, 30));
		factOf(DAY.atTime(11, 1), erased, erased);
		checkpointAt(DAY.atTime(11, 30));

		clock.set(DAY.atTime(12, 0).toInstant(ZoneOffset.UTC));
		new TransactionTemplate(transactions).executeWithoutResult(status -> auditData.erase(erased));

		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE actor = :id OR target_id = :text")
				.param("id", erased.value()).param("text", erased.toString()).query(Long.class).single()).isZero();
		JsonNode after = verificationAt(DAY.atTime(12, 1));
		assertThat(after.get("valid").asBoolean()).as(after.toString()).isTrue();
		assertThat(after.get("checkpointsChecked").asInt()).isEqualTo(2);
	}

	@Test
	void erasureDoesNotLaunderAnEarlierChange() {
		AccountId erased = AccountId.random();
		factOf(DAY.atTime(10, 1), erased, erased);
		factOf(DAY.atTime(10, 2), erased, erased);
		checkpointAt(DAY.atTime(10, 30));
		long edited = eventIds().get(1);
		jdbc.sql("UPDATE audit_events SET outcome = 'FAILURE' WHERE id = :id").param("id", edited).update();

		clock.set(DAY.atTime(12, 0).toInstant(ZoneOffset.UTC));
		new TransactionTemplate(transactions).executeWithoutResult(status -> auditData.erase(erased));

		JsonNode after = verificationAt(DAY.atTime(12, 1));
		assertThat(after.get("valid").asBoolean()).isFalse();
		assertThat(after.get("invalidCheckpoint").asInt()).isOne();
	}

	@Test
	void idsAreKeptAsRanges() {
		assertThat(Checkpoints.ranges(List.of(5L, 6L, 7L, 9L, 12L, 13L))).isEqualTo("5-7,9,12-13");
		assertThat(Checkpoints.parseRanges("5-7,9,12-13")).containsExactly(5L, 6L, 7L, 9L, 12L, 13L);
		assertThat(Checkpoints.ranges(List.of())).isEmpty();
		assertThat(Checkpoints.parseRanges("")).isEmpty();
	}

	private int checkpointAt(java.time.LocalDateTime time) {
		clock.set(time.toInstant(ZoneOffset.UTC));
		return maintenance.checkpoint();
	}

	/** The verification, asked at {@code time} (the administrator's sign-in lands after every checkpoint). */
	private JsonNode verificationAt(java.time.LocalDateTime time) {
		clock.set(time.toInstant(ZoneOffset.UTC));
		return verification();
	}

	private void factsAt(java.time.LocalDateTime time, int count) {
		clock.set(time.toInstant(ZoneOffset.UTC));
		for (int i = 0; i < count; i++) {
			clock.advance(Duration.ofMinutes(1));
			new TransactionTemplate(transactions)
					.executeWithoutResult(status -> publisher.publishEvent(fact("thing.made", "n" + clock.millis())));
		}
	}

	private void factOf(java.time.LocalDateTime time, AccountId actor, AccountId about) {
		clock.set(time.toInstant(ZoneOffset.UTC));
		new TransactionTemplate(transactions).executeWithoutResult(status -> publisher.publishEvent(new Fact(
				new AuditEntry(actor, "member.removed", "account", about.toString(), AuditEntry.Outcome.SUCCESS,
						Map.of("account", about.toString())))));
	}

	private List<Long> eventIds() {
		return jdbc.sql("SELECT id FROM audit_events WHERE period = :period ORDER BY id").param("period", DAY)
				.query(Long.class).list();
	}
}
