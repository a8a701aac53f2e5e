package eu.pledge.privacy.notice;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.privacy.PrivacyTest;
import eu.pledge.privacy.spi.ComplianceCheck;

/** Other settings, another notice: the page's numbers are the configured ones, not text. */
@TestPropertySource(properties = { "pledge.privacy.customer-grace-period=45d",
		"pledge.privacy.unverified-registration-lifetime=3d", "pledge.protection.record-lifetime=6h",
		"pledge.protection.block-max=6h", "pledge.patrol.ban-max=6h", "pledge.patrol.step-up-duration=6h", "pledge.protection.throttle-wait-max=6m" })
class NoticeConfigurationTests extends PrivacyTest {

	@Test
	void changingAPeriodChangesTheNotice() {
		String notice = client().get("/privacy").body();

		assertThat(notice).contains("45 days after you stop being one", "deleted after 3 days",
				"Deleted at the latest 6 hours after");
		assertThat(notice).doesNotContain("30 days after you stop being one", "deleted after 7 days", "24 hours");
	}

	@Test
	void theComplianceCheckExpectsTheConfiguredPeriodsInTheirSections() {
		ComplianceCheck check = checks.stream()
				.filter(candidate -> candidate.promise().equals("privacy-notice-states-configured-periods")).findFirst()
				.orElseThrow();
		ComplianceCheck.Result result = check.check(clock.instant());

		assertThat(result.passed()).as(result.evidence()).isTrue();
		assertThat(result.evidence()).contains("45 days", "3 days", "6 hours").doesNotContain("24 hours");
	}

	@Autowired
	List<ComplianceCheck> checks;
}
