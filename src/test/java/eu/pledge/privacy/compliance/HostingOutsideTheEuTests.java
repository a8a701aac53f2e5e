package eu.pledge.privacy.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.springframework.web.util.HtmlUtils;

import eu.pledge.privacy.PrivacyTest;

/**
 * An operator who does not promise EU hosting: the notice drops the promise, names the transfer outside the EU/EEA
 * and where to ask for its safeguards, and the checks accept it because the notice tells the truth.
 */
@TestPropertySource(properties = { "pledge.privacy.hosting.region=Frankfurt, Germany and Virginia, United States",
		"pledge.privacy.hosting.within-eu=false",
		"pledge.privacy.processors[0].name=Faraway Cloud Inc",
		"pledge.privacy.processors[0].purpose=hosts the standby servers",
		"pledge.privacy.processors[0].location=US",
		"pledge.privacy.processors[0].contact=1 Market Street, San Francisco, CA, USA" })
class HostingOutsideTheEuTests extends PrivacyTest {

	@Autowired
	Compliance compliance;

	@Test
	void theNoticeNamesTheTransferInsteadOfPromisingEuHostingAndTheChecksPass() {
		String text = HtmlUtils.htmlUnescape(client().get("/privacy").body().replaceAll("<[^>]*>", " ")
				.replaceAll("\\s+", " "));

		assertThat(text).contains("Our systems run in Frankfurt, Germany and Virginia, United States",
				"transferred outside the EU and the European Economic Area to: Faraway Cloud Inc, United States (US)",
				"safeguards").doesNotContain("Without exceptions", "Hosting within the EU");
		assertThat(compliance.run().checks()).filteredOn(line -> line.promise().equals("processors-hosted-where-promised")
				|| line.promise().equals("privacy-notice-states-processors-complaints-and-bases"))
				.hasSize(2).allSatisfy(line -> assertThat(line.passed()).as(line.text()).isTrue());
	}
}
