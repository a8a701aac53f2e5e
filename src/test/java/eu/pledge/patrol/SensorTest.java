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
		"pledge.patrol.rules.unknown-sessions.responses=ban", "pledge.patrol.rules.ingest-keys.responses=ban",
		"pledge.patrol.rules.sso-client-guessing.responses=ban" })
abstract class SensorTest extends HttpTest {

	static final Duration WAIT = Duration.ofSeconds(10);

	@Autowired
	Decisions decisions;

	@Autowired
	JdbcClient jdbc;

	PatrolRecords records() {
		return new PatrolRecords(jdbc, decisions);
	}

	Decision ban(String address) {
		return records().ban(address);
	}

	long detections(String address, Point point) {
		return records().detections(address, point);
	}

	int responses(String rule, String key) {
		return records().responses(rule, key);
	}

	long answersAudited(String rule, String address) {
		return records().answersAudited(rule, address);
	}

	void lift(String address) {
		records().lift(address);
	}
}
