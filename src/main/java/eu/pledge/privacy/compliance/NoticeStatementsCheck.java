package eu.pledge.privacy.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.privacy.inventory.Purpose;
import eu.pledge.privacy.notice.Notice;
import eu.pledge.privacy.notice.NoticeProperties;
import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * Art. 13 GDPR, read off the rendered {@code /privacy} against the effective settings (not against what the notice
 * code computed): every processor with its country, the hosting region, the right to complain and the configured
 * supervisory authority, the data protection officer or the sentence that none is designated, and the legal basis
 * of every purpose.
 */
@Component
class NoticeStatementsCheck implements ComplianceCheck {

	private final PublicPages pages;
	private final NoticeProperties settings;
	private final PrivacyProperties privacy;
	private final Inventory inventory;

	NoticeStatementsCheck(PublicPages pages, NoticeProperties settings, PrivacyProperties privacy, Inventory inventory) {
		this.pages = pages;
		this.settings = settings;
		this.privacy = privacy;
		this.inventory = inventory;
	}

	@Override
	public String promise() {
		return "privacy-notice-states-processors-complaints-and-bases";
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
		// the words a reader sees: tags out, whitespace folded, entities decoded
		String text = HtmlUtils.htmlUnescape(page.get().body().replaceAll("<[^>]*>", " ").replaceAll("\\s+", " "));
		List<String> missing = new ArrayList<>();
		for (NoticeProperties.Processor processor : settings.processors()) {
			expect(text, processor.name(), "the processor " + processor.name(), missing);
			expect(text, processor.country(), "the country of " + processor.name(), missing);
		}
		expect(text, settings.hosting().region(), "the hosting region", missing);
		expect(text, "right to lodge a complaint with a supervisory authority", "the right to complain", missing);
		if (settings.supervisoryAuthority().named()) {
			expect(text, settings.supervisoryAuthority().name(), "the supervisory authority's name", missing);
			expect(text, settings.supervisoryAuthority().address(), "the supervisory authority's address", missing);
		}
		String dpo = privacy.controller().dpo();
		expect(text, dpo.isBlank() ? Notice.NO_DPO : dpo, "the data protection officer", missing);
		for (Purpose purpose : inventory.purposes()) {
			String basis = inventory.legalBasis(purpose).orElse("(none declared)");
			expect(text, purpose.plain() + " " + basis, "the legal basis of " + purpose.name().toLowerCase(), missing);
		}
		return missing.isEmpty()
				? Result.pass("/privacy names " + settings.processors().size() + " processors, the hosting region, the "
						+ "right to complain, the data protection officer or that none is designated, and "
						+ inventory.purposes().size() + " legal bases")
				: Result.fail("/privacy does not state " + String.join(", ", missing));
	}

	private static void expect(String text, String wanted, String what, List<String> missing) {
		if (!wanted.isBlank() && !text.contains(wanted.replaceAll("\\s+", " "))) {
			missing.add(what);
		}
	}
}
