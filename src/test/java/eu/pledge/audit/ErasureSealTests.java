package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import tools.jackson.databind.JsonNode;

/**
 * Erasure and tamper evidence together: the account's id leaves every sealed event and its mapping to the
 * sealed pseudonym is gone, while no digest changes and the chain still verifies; a chain that was already
 * broken stays broken.
 */
@TestPropertySource(properties = "pledge.test.context=audit-erasure")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_EACH_TEST_METHOD)
class ErasureSealTests extends ChainTests {

	@Autowired
	AuditData auditData;

	@Test
	void erasureReplacesTheIdBySealedPseudonymWithoutChangingAnyDigest() {
		AccountId erased = AccountId.random();
		AccountId bystander = AccountId.random();
		eventsOn(LocalDate.parse("2001-03-01"), erased, bystander);
		eventsOn(LocalDate.parse("2001-03-02"), bystander, erased);
		eventsOn(LocalDate.parse("2001-03-03"), bystander, bystander);
		closeUntil(LocalDate.parse("2001-03-04"));
		eventsOn(LocalDate.parse("2001-03-04"), erased, bystander); // still open
		assertThat(verification().get("valid").asBoolean()).isTrue();
		List<Map<String, Object>> sealsBefore = seals();
		UUID pseudonym = sealedPseudonym(erased).orElseThrow();
		assertThat(pseudonym.version()).as("a pseudonym is told from an id by its version").isEqualTo(8);
		assertThat(AuditSubjects.isSubject(pseudonym.toString())).isFalse();
		assertThat(AuditSubjects.isSubject(erased.toString())).isTrue();
		long before = count("1 = 1");

		erase(erased);

		assertThat(count("1 = 1")).isEqualTo(before);
		assertThat(count(naming(erased))).isZero();
		assertThat(sealedPseudonym(erased)).isEmpty();
		// One pseudonym stands for the person everywhere: actor, target and detail, sealed and open periods.
		assertThat(count("actor = '" + pseudonym + "'")).isEqualTo(4);
		assertThat(count("target_id = '" + pseudonym + "'")).isEqualTo(1);
		assertThat(count("detail LIKE '%" + pseudonym + "%'")).isEqualTo(1);
		assertThat(count("mentioned = '" + pseudonym + "'")).as("the indexed mention follows the detail").isEqualTo(1);
		assertThat(count("actor = '" + bystander + "'")).isEqualTo(4);
		assertThat(seals()).isEqualTo(sealsBefore);
		JsonNode after = verification();
		assertThat(after.get("valid").asBoolean()).isTrue();
		assertThat(after.get("periodsChecked").asInt()).isEqualTo(3);

		closeUntil(LocalDate.parse("2001-03-05"));
		assertThat(verification().get("valid").asBoolean()).isTrue();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_subjects WHERE pseudonym = :p OR subject = :s")
				.param("p", pseudonym).param("s", pseudonym.toString()).query(Long.class).single())
			.as("closing a period naming the pseudonym gives it no pseudonym of its own").isZero();
	}

	@Test
	void aBrokenChainStaysBrokenAndTamperingWithTheMappingShows() {
		AccountId next = AccountId.random();
		AccountId bystander = AccountId.random();
		eventsOn(LocalDate.parse("2001-04-01"), next, bystander);
		eventsOn(LocalDate.parse("2001-04-02"), bystander, bystander);
		closeUntil(LocalDate.parse("2001-04-03"));
		jdbc.sql("""
				UPDATE audit_events SET detail = '{"code":"forged"}'
				WHERE id = (SELECT MIN(id) FROM audit_events WHERE period = DATE '2001-04-02')""").update();

		erase(next);

		assertThat(count("actor = '" + next + "'")).isZero();
		JsonNode stillBroken = verification();
		assertThat(stillBroken.get("valid").asBoolean()).isFalse();
		assertThat(stillBroken.get("firstInvalidPeriod").asString()).isEqualTo("2001-04-02");

		jdbc.sql("UPDATE audit_subjects SET pseudonym = :other WHERE subject = :id")
				.param("other", AuditSubjects.newPseudonym()).param("id", bystander.toString()).update();
		assertThat(verification().get("firstInvalidPeriod").asString()).isEqualTo("2001-04-01");
	}

	@Test
	void retentionForgetsThePseudonymsOfIdsOnlyDeletedPeriodsNamed() {
		AccountId gone = AccountId.random();
		AccountId staying = AccountId.random();
		AccountId bystander = AccountId.random();
		eventsOn(LocalDate.parse("2001-07-01"), gone, staying);
		eventsOn(LocalDate.parse("2001-07-02"), gone, gone);
		// On the day that is kept, `staying` is named only in a detail.
		clock.set(LocalDate.parse("2001-07-03").atTime(10, 0).toInstant(ZoneOffset.UTC));
		new TransactionTemplate(transactions).executeWithoutResult(status -> publisher.publishEvent(new Fact(
				new AuditEntry(bystander, "member.joined", "organization", "org-1", AuditEntry.Outcome.SUCCESS,
						Map.of("account", staying.toString())))));
		closeUntil(LocalDate.parse("2001-07-04"));
		assertThat(sealedPseudonym(gone)).isPresent();
		UUID stayingPseudonym = sealedPseudonym(staying).orElseThrow();

		// 60 days after the end of 2001-07-02: it and 2001-07-01 go, 2001-07-03 stays
		maintenance.applyRetention(LocalDate.parse("2001-07-03").atStartOfDay(ZoneOffset.UTC).toInstant()
				.plus(Duration.ofDays(60)).plusSeconds(60));

		assertThat(sealedPseudonym(gone)).as("no retained period names it").isEmpty();
		assertThat(sealedPseudonym(bystander)).isPresent();
		assertThat(sealedPseudonym(staying)).as("named in a retained detail: kept, the same").contains(stayingPseudonym);
		JsonNode verification = verification();
		assertThat(verification.get("valid").asBoolean()).isTrue();
		assertThat(verification.get("periodsChecked").asInt()).isEqualTo(1);

		erase(staying);
		assertThat(count(naming(staying))).isZero();
		assertThat(count("mentioned = '" + stayingPseudonym + "'")).isEqualTo(1);
		assertThat(verification().get("valid").asBoolean()).isTrue();
	}

	private Optional<UUID> sealedPseudonym(AccountId account) {
		return jdbc.sql("SELECT pseudonym FROM audit_subjects WHERE subject = :id").param("id", account.toString())
				.query(UUID.class).optional();
	}

	/** Two events by {@code actor} (one naming {@code about} as target, one in its detail) on {@code day}. */
	private void eventsOn(LocalDate day, AccountId actor, AccountId about) {
		clock.set(day.atTime(10, 0).toInstant(ZoneOffset.UTC));
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		transaction.executeWithoutResult(status -> publisher.publishEvent(new Fact(new AuditEntry(actor,
				"thing.made", "account", about.toString(), AuditEntry.Outcome.SUCCESS, Map.of()))));
		clock.advance(Duration.ofMinutes(1));
		transaction.executeWithoutResult(status -> publisher.publishEvent(new Fact(new AuditEntry(actor,
				"member.removed", "organization", "org-1", AuditEntry.Outcome.SUCCESS, Map.of("account", about.toString())))));
	}

	private void closeUntil(LocalDate day) {
		clock.set(day.atStartOfDay(ZoneOffset.UTC).toInstant().plus(Duration.ofHours(1)));
		maintenance.run();
		clock.set(java.time.Instant.now());
	}

	private void erase(AccountId account) {
		new TransactionTemplate(transactions).executeWithoutResult(status -> auditData.erase(account));
	}

	private List<Map<String, Object>> seals() {
		return jdbc.sql("SELECT period, digest, previous_digest, signature FROM audit_periods ORDER BY period")
				.query().listOfRows();
	}

	private static String naming(AccountId account) {
		return "actor = '" + account + "' OR target_id = '" + account + "' OR detail LIKE '%" + account + "%'";
	}

	private long count(String where) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE " + where).query(Long.class).single();
	}
}
