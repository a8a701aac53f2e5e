package eu.pledge.privacy.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.privacy.PrivacyTest;
import eu.pledge.privacy.retention.RetentionSweeper;
import eu.pledge.testing.ApiClient;

/** Each promise fails once, with the violation planted in the live data, and passes again once it is gone. */
class ComplianceTests extends PrivacyTest {

	@Autowired
	Compliance compliance;

	@Autowired
	VerifyCommand verify;

	@Autowired
	RetentionSweeper sweeper;

	@Test
	void everyPromiseHoldsOnACleanInstallationAndVerifyExitsZero() {
		sweeper.sweepAll();
		Compliance.Report report = compliance.run();

		assertThat(report.checks()).extracting(Compliance.Line::promise).contains("ip-addresses-kept-temporarily",
				"audit-events-cleared-after-retention", "files-cleared-after-retention", "every-personal-data-store-declared",
				"personal-data-encrypted-at-rest", "non-customer-data-destroyed", "no-third-party-origins",
				"privacy-notice-states-configured-periods", "sessions-end-on-timeout", "retention-rules-run", "patrol-records-kept-temporarily",
				"outbound-services-run-by-declared-processors", "processors-hosted-where-promised",
				"every-purpose-has-legal-basis", "privacy-notice-states-processors-complaints-and-bases",
				"server-log-files-cleared-after-retention", "contact-messages-deleted-after-retention",
				"rate-limit-counts-kept-temporarily", "closed-requests-deleted-after-retention", "expired-invitations-deleted",
				"breach-records-deleted-after-retention");
		assertThat(report.checks()).allSatisfy(line -> assertThat(line.passed()).as(line.text()).isTrue());
		assertThat(verifyOutput()).startsWith("PASS ").doesNotContain("FAIL ");
		assertThat(verify.verify(new PrintStream(new ByteArrayOutputStream()))).isZero();
	}

	@Test
	void anOldIpRecordFailsUntilItIsDeleted() {
		String address = randomAddress();
		OffsetDateTime old = clock.instant().minus(Duration.ofHours(30)).atOffset(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO protection_addresses (address, failures, window_start, blocks, updated_at, expires_at)
				VALUES (:address, 1, :at, 0, :at, :expires)""").param("address", address).param("at", old)
				.param("expires", old.plusHours(24)).update();

		assertFails("ip-addresses-kept-temporarily", "1 IP records older than their limit");
		assertThat(verify.verify(new PrintStream(new ByteArrayOutputStream()))).isEqualTo(1);

		sweeper.sweepAll();
		assertPasses("ip-addresses-kept-temporarily");
	}

	@Test
	void anOldPatrolDetectionFailsUntilItIsDeleted() {
		OffsetDateTime old = clock.instant().minus(Duration.ofHours(30)).atOffset(ZoneOffset.UTC);
		jdbc.sql("""
				INSERT INTO patrol_detections (point, address, system_name, occurred_at, expires_at)
				VALUES ('HONEYTRAP', :address, 'pledge', :at, :expires)""").param("address", randomAddress())
				.param("at", old).param("expires", old.plusHours(24)).update();

		assertFails("patrol-records-kept-temporarily", "1 Secure Patrol records older than their limit");

		sweeper.sweepAll();
		assertPasses("patrol-records-kept-temporarily");
	}

	@Test
	void anOldAuditEventFailsUntilRetentionDeletesIt() {
		LocalDate period = LocalDate.now(ZoneOffset.UTC).minusDays(90);
		jdbc.sql("""
				INSERT INTO audit_events (period, occurred_at, action, outcome, detail)
				VALUES (:period, :at, 'test.planted', 'SUCCESS', '{}')""").param("period", period)
				.param("at", period.atStartOfDay().atOffset(ZoneOffset.UTC)).update();

		assertFails("audit-events-cleared-after-retention", "1 audit events older than their period");

		sweeper.sweepAll();
		assertPasses("audit-events-cleared-after-retention");
	}

	@Test
	void anOldLogFileFailsUntilItIsRemoved() throws Exception {
		Path log = Files.writeString(standIn.logs.resolve("access-2001-01-01.log"), "planted\n");
		Files.setLastModifiedTime(log, FileTime.from(clock.instant().minus(Duration.ofDays(40))));
		Path recent = Files.writeString(standIn.logs.resolve("access-today.log"), "planted\n");

		assertFails("files-cleared-after-retention", "access-2001-01-01.log");

		Files.delete(log);
		assertPasses("files-cleared-after-retention");
		Files.delete(recent);
	}

	@Test
	void anUndeclaredTableFailsUntilItIsDropped() {
		jdbc.sql("CREATE TABLE shadow_profiles (id INT PRIMARY KEY, email VARCHAR(320))").update();
		try {
			assertFails("every-personal-data-store-declared", "shadow_profiles");
		}
		finally {
			jdbc.sql("DROP TABLE shadow_profiles").update();
		}
		assertPasses("every-personal-data-store-declared");
	}

	@Test
	void plaintextInAnEncryptedColumnFailsUntilItIsGone() {
		UUID id = UUID.randomUUID();
		Timestamp now = Timestamp.from(clock.instant());
		jdbc.sql("""
				INSERT INTO accounts (id, email_index, email, name, street, postal_code, city, country, password_hash,
				  status, roles, created_at, verified_at, updated_at)
				VALUES (:id, :index, 'ada@example.org', 'Ada Lovelace', 'Ockham Street 1', '1000', 'Brussels', 'BE',
				  'x', 'ACTIVE', 'USER', :now, :now, :now)""").param("id", id).param("index", id.toString())
				.param("now", now).update();
		try {
			assertFails("personal-data-encrypted-at-rest", "6 values in plaintext");
		}
		finally {
			jdbc.sql("DELETE FROM accounts WHERE id = :id").param("id", id).update();
		}
		assertPasses("personal-data-encrypted-at-rest");
	}

	/** Each kind of account left past its date fails: access' NonCustomersTests. */
	@Test
	void anAccountLeftPastItsDateFailsUntilTheSweeperDestroysItsData() {
		signedInAccount(client());
		clock.advance(Duration.ofDays(31));

		assertFails("non-customer-data-destroyed", "accounts that are not customers still hold data past their date {never-joined=");

		sweeper.sweepAll();
		assertPasses("non-customer-data-destroyed");
	}

	@Test
	void administratorsSeeTheSameLinesAsAPageAndJson() {
		ApiClient admin = admin();

		var json = admin.get("/api/v1/admin/compliance").json();
		assertThat(json.get("checks").size()).isGreaterThanOrEqualTo(10);
		assertThat(json.get("checks").get(0).has("promise")).isTrue();
		assertThat(json.get("checks").get(0).has("evidence")).isTrue();

		ApiClient.Response page = admin.get("/admin/compliance");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Compliance check", "no-third-party-origins");

		ApiClient person = client();
		signedInAccount(person);
		assertThat(person.get("/api/v1/admin/compliance").status()).isEqualTo(403);
	}

	private String verifyOutput() {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		verify.verify(new PrintStream(out, true, StandardCharsets.UTF_8));
		return out.toString(StandardCharsets.UTF_8);
	}

	private void assertFails(String promise, String evidence) {
		Compliance.Line line = line(promise);
		assertThat(line.passed()).as(line.text()).isFalse();
		assertThat(line.evidence()).contains(evidence);
		assertThat(verifyOutput()).contains("FAIL " + promise + " — ");
	}

	private void assertPasses(String promise) {
		Compliance.Line line = line(promise);
		assertThat(line.passed()).as(line.text()).isTrue();
	}

	private Compliance.Line line(String promise) {
		return compliance.run().checks().stream().filter(line -> line.promise().equals(promise)).findFirst().orElseThrow();
	}
}
