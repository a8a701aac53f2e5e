package eu.pledge.patrol;

import java.time.Duration;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;
import eu.pledge.testing.HttpTest;

/**
 * The detection points of issue 13's second slice, with the production rules except that the rules which ban
 * do so at their first attack (the test profile only records), so that one wave proves the ban.
 */
@TestPropertySource(properties = { "pledge.patrol.rules.password-spraying.responses=ban",
		"pledge.patrol.rules.mail-requests.responses=ban", "pledge.patrol.rules.input-payloads.responses=ban",
		"pledge.patrol.rules.unknown-sessions.responses=ban", "pledge.patrol.rules.ingest-keys.responses=ban" })
abstract class SensorTest extends HttpTest {

	static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Decisions decisions;

	@Autowired
	JdbcClient jdbc;

	Decision ban(String address) {
		return decisions.inForce().stream().filter(d -> d.address().equals(address)).findFirst().orElse(null);
	}

	long detections(String address, Point point) {
		return jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE address = :a AND point = :p").param("a", address)
				.param("p", point.name()).query(Long.class).single();
	}

	int responses(String rule, String key) {
		return jdbc.sql("SELECT responses FROM patrol_offenders WHERE rule = :r AND key_value = :k").param("r", rule)
				.param("k", key).query(Integer.class).optional().orElse(0);
	}

	/** Audit events of a rule's answers; none of Patrol's audit events may quote {@code address}. */
	long answersAudited(String rule, String address) {
		org.assertj.core.api.Assertions.assertThat(jdbc
				.sql("SELECT COUNT(*) FROM audit_events WHERE detail LIKE :a OR target_id = :b")
				.param("a", "%" + address + "%").param("b", address).query(Long.class).single()).isZero();
		return jdbc.sql("""
				SELECT COUNT(*) FROM audit_events e JOIN patrol_detections d ON e.target_id = CAST(d.id AS VARCHAR(20))
				WHERE e.action = 'patrol.responded' AND d.address = :a AND e.detail LIKE :r""").param("a", address)
				.param("r", "%" + rule + "%").query(Long.class).single();
	}

	void lift(String address) {
		Decision ban = ban(address);
		if (ban != null) {
			decisions.lift(ban.id());
		}
	}
}
