package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;

import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.protection.Decision;
import eu.pledge.protection.Decisions;

/** What Secure Patrol holds about an address or key, read for the tests' assertions. */
final class PatrolRecords {

	private final JdbcClient jdbc;
	private final Decisions decisions;

	PatrolRecords(JdbcClient jdbc, Decisions decisions) {
		this.jdbc = jdbc;
		this.decisions = decisions;
	}

	Decision ban(String address) {
		return decisions.inForce().stream().filter(d -> d.address().equals(address)).findFirst().orElse(null);
	}

	long detections(String address, Point point) {
		return jdbc.sql("SELECT COUNT(*) FROM patrol_detections WHERE address = :a AND point = :p").param("a", address)
				.param("p", point.name()).query(Long.class).single();
	}

	/** How often {@code rule} has answered {@code key} while its record lives. */
	int responses(String rule, String key) {
		return jdbc.sql("SELECT responses FROM patrol_offenders WHERE rule = :r AND key_value = :k").param("r", rule)
				.param("k", key).query(Integer.class).optional().orElse(0);
	}

	/** Audit events of a rule's answers to {@code address}; none of the audit trail may quote the address. */
	long answersAudited(String rule, String address) {
		assertThat(jdbc.sql("SELECT COUNT(*) FROM audit_events WHERE detail LIKE :a OR target_id = :b")
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
