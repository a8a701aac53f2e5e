package eu.pledge.privacy.compliance;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.notice.Notice;
import eu.pledge.privacy.spi.ComplianceCheck;

/** The privacy notice, as a visitor gets it, states every configured period (the ones the enforcement uses). */
@Component
class NoticeNumbersCheck implements ComplianceCheck {

	private final PublicPages pages;
	private final Notice notice;

	NoticeNumbersCheck(PublicPages pages, Notice notice) {
		this.pages = pages;
		this.notice = notice;
	}

	@Override
	public String promise() {
		return "privacy-notice-states-configured-periods";
	}

	@Override
	public Result check(Instant now) {
		var page = pages.fetch("/privacy");
		if (page.isEmpty()) {
			return Result.fail("the web server is not running, so the notice could not be rendered");
		}
		if (page.get().status() != 200) {
			return Result.fail("/privacy answered " + page.get().status());
		}
		List<String> numbers = notice.numbers();
		List<String> missing = numbers.stream().filter(number -> !page.get().body().contains(number)).toList();
		return missing.isEmpty() ? Result.pass("/privacy states the configured " + String.join(", ", numbers))
				: Result.fail("/privacy does not state the configured " + String.join(", ", missing));
	}
}
