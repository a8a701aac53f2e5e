package eu.pledge.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.testing.People;

/** The development outbox keeps mail in the database when no SMTP server is set: it is erased and expires too. */
class OutboxDataTests extends RightsFixture {

	@Autowired
	List<RetentionRule> rules;

	@Test
	void aPersonsMailsInTheDevelopmentOutboxGoWithTheirAccount() {
		Person person = person();
		String other = randomEmail();
		keep(person.email(), clock.instant());
		keep(other, clock.instant());

		assertThat(person.client().post("/api/v1/me/erasure", Map.of("password", People.PASSWORD)).status())
				.isEqualTo(204);

		assertThat(kept(person.email())).isZero();
		assertThat(kept(other)).as("someone else's mail stays").isEqualTo(1);
	}

	@Test
	void outboxMailOlderThanItsRetentionIsDeleted() {
		String old = randomEmail();
		String fresh = randomEmail();
		keep(old, clock.instant().minus(Duration.ofDays(8)));
		keep(fresh, clock.instant().minus(Duration.ofDays(6)));
		RetentionRule rule = rules.stream().filter(r -> r.name().equals("outbox-mail")).findFirst().orElseThrow();

		assertThat(rule.sweep(clock.instant())).isPositive();

		assertThat(kept(old)).isZero();
		assertThat(kept(fresh)).isEqualTo(1);
	}

	private void keep(String recipient, Instant at) {
		jdbc.sql("INSERT INTO dev_outbox (recipient, subject, body, created_at) VALUES (:to, 'Hello', 'Dear Ada', :at)")
				.param("to", recipient).param("at", Timestamp.from(at)).update();
	}

	private long kept(String recipient) {
		return jdbc.sql("SELECT COUNT(*) FROM dev_outbox WHERE recipient = :to").param("to", recipient)
				.query(Long.class).single();
	}
}
