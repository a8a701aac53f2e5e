package eu.pledge.privacy.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.HtmlUtils;

import eu.pledge.privacy.PrivacyTest;
import eu.pledge.privacy.notice.Notice;
import eu.pledge.testing.ApiClient;

/**
 * An operator adds a mail relay in the United States and keeps the notice's promise of hosting within the EU, names
 * no data protection officer and no supervisory authority: the compliance check names the processor, the record
 * lists the transfer, and the notice says that no officer is designated.
 */
@TestPropertySource(properties = {
		"pledge.privacy.processors[0].name=Example Hosting GmbH",
		"pledge.privacy.processors[0].purpose=hosts the servers and the database",
		"pledge.privacy.processors[0].location=DE",
		"pledge.privacy.processors[0].contact=Hauptstrasse 1, 10115 Berlin, Germany",
		"pledge.privacy.processors[1].name=Faraway Mail Inc",
		"pledge.privacy.processors[1].purpose=relays the mail Pledge sends",
		"pledge.privacy.processors[1].location=US",
		"pledge.privacy.processors[1].contact=1 Market Street, San Francisco, CA, USA",
		"pledge.privacy.processors[1].hosts=smtp.faraway.example",
		"pledge.privacy.controller.dpo=", "pledge.privacy.supervisory-authority.name=" })
class ProcessorOutsideTheEuTests extends PrivacyTest {

	@Autowired
	Compliance compliance;

	@Test
	void aProcessorOutsideTheEuFailsTheCheckWhileTheNoticePromisesEuHosting() {
		Compliance.Line hosting = line("processors-hosted-where-promised");

		assertThat(hosting.passed()).as(hosting.text()).isFalse();
		assertThat(hosting.evidence()).contains("the processor Faraway Mail Inc is in United States (US)")
				.doesNotContain("Example Hosting GmbH");
		assertThat(line("privacy-notice-states-processors-complaints-and-bases").passed()).isTrue();
	}

	@Test
	void theRecordListsBothProcessorsAsRecipientsAndTheRelayAsATransfer() {
		var record = admin().get("/api/v1/admin/processing-record").json();

		assertThat(record.get("recipients").size()).isEqualTo(2);
		assertThat(record.get("transfers").size()).isEqualTo(1);
		assertThat(record.get("transfers").get(0).get("name").asString()).isEqualTo("Faraway Mail Inc");
		assertThat(record.get("transfers").get(0).get("country").asString()).isEqualTo("United States (US)");
	}

	@Test
	void theNoticeSaysNoOfficerIsDesignatedAndStillStatesTheRightToComplain() {
		ApiClient.Response notice = client().get("/privacy");
		String text = HtmlUtils.htmlUnescape(notice.body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " "));

		assertThat(text).contains(Notice.NO_DPO, "Faraway Mail Inc relays the mail Pledge sends United States (US)",
				"right to lodge a complaint with a supervisory authority").doesNotContain("Ours is", "dpo@vendor.example");
	}

	private Compliance.Line line(String promise) {
		return compliance.run().checks().stream().filter(line -> line.promise().equals(promise)).findFirst().orElseThrow();
	}
}
