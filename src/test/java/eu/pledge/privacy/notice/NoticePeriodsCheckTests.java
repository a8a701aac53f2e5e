package eu.pledge.privacy.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.reset;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;

import eu.pledge.privacy.PrivacyTest;
import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * {@code privacy-notice-states-configured-periods} reads the rendered page against the settings, not against what
 * the notice's code computed: a notice whose section for IP addresses stops stating its period fails the check by
 * that section's name, although the notice's own list of numbers still has the period.
 */
class NoticePeriodsCheckTests extends PrivacyTest {

	@MockitoSpyBean
	Notice notice;

	@Autowired
	List<ComplianceCheck> checks;

	@Test
	@SuppressWarnings("unchecked")
	void aSectionThatNoLongerStatesItsPeriodFailsByNameUntilItDoesAgain() {
		ComplianceCheck check = checks.stream()
				.filter(candidate -> candidate.promise().equals("privacy-notice-states-configured-periods")).findFirst()
				.orElseThrow();
		assertThat(check.check(clock.instant()).passed()).as(check.check(clock.instant()).evidence()).isTrue();

		doAnswer(call -> ((List<Notice.Section>) call.callRealMethod()).stream()
				.map(section -> section.category().name().equals("ip-addresses")
						? new Notice.Section(section.category(), "Kept for a short while.", section.numbers())
						: section)
				.toList()).when(notice).sections();
		try {
			assertThat(client().get("/privacy").body()).contains("Kept for a short while.");
			ComplianceCheck.Result failed = check.check(clock.instant());
			assertThat(failed.passed()).isFalse();
			assertThat(failed.evidence()).contains("ip-addresses does not state ");
			assertThat(notice.numbers()).as("the notice's own numbers still have it").isNotEmpty();
		}
		finally {
			reset(notice);
		}
		assertThat(check.check(clock.instant()).passed()).isTrue();
	}
}
