package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import tools.jackson.databind.JsonNode;

/**
 * Erasure and tamper evidence together: the account's id leaves every sealed event, the chain is re-sealed
 * and verifies, and a chain that was already broken stays broken.
 */
@TestPropertySource(properties = "pledge.test.context=audit-erasure")
class ErasureResealTests extends ChainTests {

	@Autowired
	AuditData auditData;

	@Test
	void erasurePseudonymisesSealedEventsReSealsAnIntactChainAndNeverLaundersABrokenOne() {
		AccountId erased = AccountId.random();
		AccountId bystander = AccountId.random();
		eventsOn(LocalDate.parse("2001-03-01"), erased, bystander);
		eventsOn(LocalDate.parse("2001-03-02"), erased, bystander);
		eventsOn(LocalDate.parse("2001-03-03"), bystander, bystander);
		closeUntil(LocalDate.parse("2001-03-04"));
		assertThat(verification().get("valid").asBoolean()).isTrue();
		long before = count("1 = 1");

		erase(erased);

		assertThat(count("1 = 1")).isEqualTo(before);
		assertThat(count("actor = '" + erased + "' OR target_id = '" + erased + "' OR detail LIKE '%" + erased + "%'"))
				.isZero();
		assertThat(count("actor = '" + bystander + "'")).isEqualTo(2);
		JsonNode resealed = verification();
		assertThat(resealed.get("valid").asBoolean()).isTrue();
		assertThat(resealed.get("periodsChecked").asInt()).isEqualTo(3);

		AccountId next = AccountId.random();
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
		assertThat(stillBroken.get("firstInvalidPeriod").asString()).isEqualTo("2001-04-01");
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

	private long count(String where) {
		return jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE " + where).query(Long.class).single();
	}
}
