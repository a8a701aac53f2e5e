package eu.pledge.privacy.retention;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.privacy.PrivacyTest;
import eu.pledge.privacy.TestHolders;
import eu.pledge.privacy.compliance.Compliance;
import eu.pledge.shared.AccountId;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;

/**
 * The sweeper with the whole application: every module's rule deletes its own data, and each run is recorded in
 * the audit trail. How it leases and runs rules needs no other module: {@link SweeperRunsTests}.
 */
class RetentionSweeperTests extends PrivacyTest {

	@Autowired
	RetentionSweeper sweeper;

	@Test
	void runsEveryRuleOnceAndRecordsEachRunWithItsCountInTheAuditTrail() {
		String address = plantIpRecord(clock.instant().minus(Duration.ofHours(30)));
		String runs = "action = 'privacy.retention.swept' AND target_id = 'ip-records'";
		long before = count("audit_events", runs);

		Map<String, Long> counts = sweeper.sweepAll();

		assertThat(counts).containsKeys("ip-records", "audit-events", "expired-invitations", "expired-sessions",
				"unverified-registrations", "non-customers");
		assertThat(counts.get("ip-records")).isPositive();
		assertThat(count("protection_addresses", "address = '" + address + "'")).isZero();
		assertThat(count("audit_events", runs)).isEqualTo(before + 1);
		assertThat(jdbc.sql("SELECT detail FROM audit_events WHERE " + runs + " ORDER BY id DESC LIMIT 1")
				.query(String.class).single()).contains("\"count\":\"" + counts.get("ip-records") + "\"");
		assertThat(count("audit_events", "action = 'privacy.retention.swept' AND target_id = 'non-customers'")).isPositive();

		assertThat(sweeper.sweepAll().get("ip-records")).as("idempotent").isZero();
	}

	@Autowired
	TestHolders.FlakyRule flaky;

	@Autowired
	Compliance compliance;

	@Test
	void aFailingRuleIsRecordedAsAFailureAndTheOthersStillRun() {
		flaky.failing = true;
		try {
			Map<String, Long> counts = sweeper.sweepAll();

			assertThat(counts).doesNotContainKey("test-flaky").containsKeys("ip-records", "non-customers");
			assertThat(count("audit_events", "action = 'privacy.retention.swept' AND target_id = 'test-flaky' AND outcome = 'FAILURE'"))
					.isEqualTo(1);
			assertThat(compliance.run().checks()).anySatisfy(line -> {
				assertThat(line.promise()).isEqualTo("retention-rules-run");
				assertThat(line.passed()).isFalse();
				assertThat(line.evidence()).contains("last run failed: test-flaky");
			});
		}
		finally {
			flaky.failing = false;
		}
		assertThat(sweeper.sweepAll()).containsEntry("test-flaky", 0L);
		assertThat(compliance.run().checks()).anySatisfy(line -> {
			assertThat(line.promise()).isEqualTo("retention-rules-run");
			assertThat(line.passed()).isTrue();
		});
	}

	@Test
	void deletesRegistrationsNeverConfirmedWithinSevenDays() {
		String stale = randomEmail();
		String fresh = randomEmail();
		assertThat(client().post("/api/v1/accounts", People.registration(stale)).status()).isEqualTo(201);
		clock.advance(Duration.ofDays(3));
		assertThat(client().post("/api/v1/accounts", People.registration(fresh)).status()).isEqualTo(201);
		long before = count("accounts", "status = 'UNVERIFIED'");

		clock.advance(Duration.ofDays(4).plusMinutes(1));
		assertThat(sweeper.sweepAll().get("unverified-registrations")).isEqualTo(1);

		assertThat(count("accounts", "status = 'UNVERIFIED'")).isEqualTo(before - 1);
		// the keys of mails still waiting for the SMTP server (the fresh registration's link) are not accounts' keys
		assertThat(count("vault_keys", "owner_id NOT IN (SELECT id FROM accounts) AND owner_id NOT IN (SELECT id FROM mail_queue)"))
				.isZero();
	}

	/** The customer rule itself (every kind of account, mails, dates, concurrency): access' NonCustomersTests. */
	@Test
	void destroysAnAccountThatNeverBecameACustomerThroughEveryHolderTheGracePeriodAfterItRegistered() {
		ApiClient person = client();
		signedInAccount(person);
		UUID id = UUID.fromString(person.get("/api/v1/me").json().get("id").asString());
		ApiClient staff = admin();
		UUID administrator = UUID.fromString(staff.get("/api/v1/me").json().get("id").asString());

		sweeper.sweepAll();
		assertThat(count("accounts", "id = '" + id + "'")).as("within the grace period").isEqualTo(1);

		clock.advance(Duration.ofDays(31));
		assertThat(sweeper.sweepAll().get("non-customers")).isPositive();

		assertThat(standIn.erased).contains(new AccountId(id)).doesNotContain(new AccountId(administrator));
		assertThat(count("accounts", "id = '" + id + "'")).isZero();
		assertThat(count("vault_keys", "owner_id = '" + id + "'")).isZero();
		assertThat(count("accounts", "id = '" + administrator + "'")).as("staff are not customers' data").isEqualTo(1);
		assertThat(sweeper.sweepAll().get("non-customers")).as("idempotent").isZero();
	}

	@Test
	void deletesSessionsPastTheirExpiry() {
		String id = UUID.randomUUID().toString();
		long past = clock.instant().minus(Duration.ofMinutes(1)).toEpochMilli();
		jdbc.sql("""
				INSERT INTO spring_session (primary_id, session_id, creation_time, last_access_time, max_inactive_interval,
				  expiry_time) VALUES (:id, :id, :past, :past, 1800, :past)""").param("id", id).param("past", past).update();

		assertThat(sweeper.sweepAll().get("expired-sessions")).isPositive();

		assertThat(count("spring_session", "primary_id = '" + id + "'")).isZero();
	}

	@Test
	void deletesDeliveredEventPublicationsAfterAWeekButNeverUndeliveredOnes() {
		UUID delivered = UUID.randomUUID();
		UUID pending = UUID.randomUUID();
		OffsetDateTime old = clock.instant().minus(Duration.ofDays(8)).atOffset(ZoneOffset.UTC);
		String insert = """
				INSERT INTO event_publication (id, listener_id, event_type, serialized_event, publication_date, completion_date)
				VALUES (:id, 'test.listener', 'test.Event', '{}', :at, :completed)""";
		jdbc.sql(insert).param("id", delivered).param("at", old).param("completed", old).update();
		jdbc.sql(insert).param("id", pending).param("at", old).param("completed", null).update();

		assertThat(sweeper.sweepAll().get("completed-event-publications")).isPositive();

		assertThat(count("event_publication", "id = '" + delivered + "'")).isZero();
		assertThat(count("event_publication", "id = '" + pending + "'")).isEqualTo(1);
		jdbc.sql("DELETE FROM event_publication WHERE id = :id").param("id", pending).update();
	}

	UUID organization(Instant start, Instant end) {
		UUID id = UUID.randomUUID();
		Timestamp created = Timestamp.from(start);
		jdbc.sql("INSERT INTO access_organizations (id, name, status, created_at, updated_at) VALUES (:id, 'Acme', 'ACTIVE', :t, :t)")
				.param("id", id).param("t", created).update();
		jdbc.sql("""
				INSERT INTO access_contracts (id, organization_id, status, starts_at, ends_at, seats, created_at, updated_at)
				VALUES (:id, :organization, 'ACTIVE', :start, :end, 10, :start, :start)""").param("id", UUID.randomUUID())
				.param("organization", id).param("start", created).param("end", Timestamp.from(end)).update();
		return id;
	}

	void member(UUID organization, UUID account) {
		jdbc.sql("INSERT INTO access_memberships (organization_id, account_id, role, joined_at) VALUES (:o, :a, 'MEMBER', :t)")
				.param("o", organization).param("a", account).param("t", Timestamp.from(clock.instant())).update();
	}

	String plantIpRecord(Instant updatedAt) {
		String address = randomAddress();
		OffsetDateTime at = updatedAt.atOffset(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO protection_addresses (address, failures, window_start, blocks, updated_at, expires_at)
				VALUES (:address, 1, :at, 0, :at, :expires)""").param("address", address).param("at", at)
				.param("expires", at.plusHours(24)).update();
		return address;
	}
}
