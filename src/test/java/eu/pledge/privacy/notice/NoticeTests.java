package eu.pledge.privacy.notice;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import eu.pledge.privacy.PrivacyTest;
import eu.pledge.privacy.inventory.Purpose;
import eu.pledge.testing.ApiClient;

class NoticeTests extends PrivacyTest {

	@Test
	void thePublicNoticeFollowsThePolicyAndStatesTheConfiguredPeriods() {
		ApiClient.Response notice = client().get("/privacy");

		assertThat(notice.status()).isEqualTo(200);
		assertThat(notice.header("Content-Type")).startsWith("text/html");
		assertThat(notice.body()).contains("Our data collection promises", "We will protect your data.",
				"We will never share your data with third parties.", "Name, email and address data", "Login credentials",
				"IP address", "Server logs", "Audit logs", "Data processing purposes", "Retention period",
				"Third parties", "Hosting within the EU", "Right to data portability", "free of charge and immediately",
				"href=\"/contact\"", "href=\"/account\"");
		// the configured numbers: customer grace period, unconfirmed registrations, the holders' retention
		assertThat(notice.body()).contains("30 days after you stop being one", "deleted after 7 days",
				"Deleted at the latest 24 hours after", "Deleted at the latest 60 days after");
	}

	@Test
	void theRenderedNoticeNamesProcessorsHostingComplaintsTheOfficerAndTheLegalBasisOfEveryPurpose() {
		String text = words(client().get("/privacy").body());

		assertThat(text).contains("Processors", "Example Hosting GmbH hosts the servers and the database Germany (DE) "
				+ "Hauptstrasse 1, 10115 Berlin, Germany", "Our systems run in Frankfurt, Germany",
				"Without exceptions all our systems, and every processor's, are hosted within the EU");
		assertThat(text).contains("right to lodge a complaint with a supervisory authority (Art. 77 GDPR)",
				"Ours is Data Protection Authority (Belgium) , Rue de la Presse 35, 1000 Brussels, Belgium");
		assertThat(text).contains("Data protection officer: dpo@vendor.example").doesNotContain("not designated");
		assertThat(text).contains("Legal basis of each purpose",
				"providing you with access to our software systems Art. 6(1)(b) GDPR",
				Purpose.SECURITY.plain() + " Art. 6(1)(f) GDPR: legitimate interest in secure, working systems (you may object",
				Purpose.RIGHTS.plain() + " Art. 6(1)(c) GDPR").doesNotContain("not declared");
		assertThat(text).contains("Right to object", "Right to lodge a complaint");
		assertThat(client().get("/privacy").body()).contains("href=\"/account/data#objection\"");
	}

	/** What a reader sees: no tags, whitespace folded, entities decoded. */
	static String words(String html) {
		return org.springframework.web.util.HtmlUtils.htmlUnescape(html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " "));
	}

	@Test
	void theRecordOfProcessingIsForAdministratorsOnly() {
		assertThat(client().get("/api/v1/admin/processing-record").status()).isIn(401, 403);
		ApiClient person = client();
		signedInAccount(person);
		assertThat(person.get("/api/v1/admin/processing-record").status()).isEqualTo(403);
		assertThat(person.get("/admin/processing-record").status()).isEqualTo(403);
	}

	@Test
	void theRecordOfProcessingNamesControllerPurposesCategoriesRetentionAndMeasures() {
		ApiClient admin = admin();

		var record = admin.get("/api/v1/admin/processing-record").json();

		assertThat(record.get("controller").get("name").asString()).isEqualTo("Example Vendor SA");
		assertThat(record.get("controller").get("dpo").asString()).isEqualTo("dpo@vendor.example");
		assertThat(record.get("purposes").size()).isEqualTo(Purpose.values().length);
		assertThat(record.get("activities").size()).isEqualTo(12);
		assertThat(record.get("activities").get(11).get("category").asString()).isEqualTo("breach-records");
		assertThat(record.get("activities").get(11).get("stores").toString()).contains("table:privacy_breach_notices");
		assertThat(record.get("activities").get(0).get("category").asString()).isEqualTo("identity");
		assertThat(record.get("activities").get(0).get("retention").asString()).contains("30 days");
		assertThat(record.get("activities").get(0).get("stores").toString()).contains("table:accounts");
		assertThat(record.get("recipients").size()).as("the configured processor, not \"no recipients\"").isEqualTo(1);
		assertThat(record.get("recipients").get(0).get("name").asString()).isEqualTo("Example Hosting GmbH");
		assertThat(record.get("recipients").get(0).get("location").asString()).isEqualTo("DE");
		assertThat(record.get("recipients").get(0).get("withinEea").asBoolean()).isTrue();
		assertThat(record.get("transfers").size()).isZero();
		assertThat(record.get("hosting").get("region").asString()).isEqualTo("Frankfurt, Germany");
		assertThat(record.get("securityMeasures").toString()).contains("Argon2id", "AES-256-GCM", "signed");

		ApiClient.Response page = admin.get("/admin/processing-record");
		assertThat(page.status()).isEqualTo(200);
		assertThat(page.body()).contains("Record of processing activities", "Example Vendor SA", "Example Hosting GmbH",
				"Germany (DE)", "None: every processor is within the EU").doesNotContain("no processor is configured");
	}
}
