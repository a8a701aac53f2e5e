package eu.pledge.privacy.compliance;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import eu.pledge.privacy.Holders;
import eu.pledge.privacy.inventory.Category;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.privacy.notice.Periods;
import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.RetentionSettings;

/**
 * The privacy notice, as a visitor gets it, states in each category's own section the period that is enforced. The
 * expected periods come from the effective settings, not from the notice's code: the customer grace period and the
 * unverified-registration lifetime for the categories that live with the account, and for the others the longest
 * retention the holders declare from their modules' settings (the IP lifetime, the audit retention, …). The page is
 * read as text, section by section ({@code <section id="category-…">}); a failure names the section and the period
 * it does not state.
 */
@Component
class NoticeNumbersCheck implements ComplianceCheck {

	private static final Pattern SECTION = Pattern.compile(
			"<section[^>]*\\bid=\"category-([a-z0-9-]+)\"[^>]*>(.*?)</section>", Pattern.DOTALL);

	private final PublicPages pages;
	private final Inventory inventory;
	private final Holders holders;
	private final RetentionSettings settings;

	NoticeNumbersCheck(PublicPages pages, Inventory inventory, Holders holders, RetentionSettings settings) {
		this.pages = pages;
		this.inventory = inventory;
		this.holders = holders;
		this.settings = settings;
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
		Map<String, String> sections = new HashMap<>();
		Matcher section = SECTION.matcher(page.get().body());
		while (section.find()) {
			sections.put(section.group(1), text(section.group(2)));
		}
		List<DataStore> stores = holders.stores();
		List<String> missing = new ArrayList<>();
		Set<String> stated = new LinkedHashSet<>();
		for (Category category : inventory.categories()) {
			String text = sections.get(category.name());
			if (text == null) {
				missing.add("no section " + category.name());
				continue;
			}
			for (String period : expected(category, stores)) {
				if (text.contains(period)) {
					stated.add(period);
				}
				else {
					missing.add(category.name() + " does not state " + period);
				}
			}
		}
		return missing.isEmpty()
				? Result.pass("/privacy states the configured " + String.join(", ", stated) + " in "
						+ inventory.categories().size() + " categories' sections")
				: Result.fail("/privacy: " + String.join("; ", missing));
	}

	/** The periods a category's section must state, from the settings and the holders' declarations. */
	private List<String> expected(Category category, List<DataStore> stores) {
		if (category.followsAccount()) {
			return category.name().equals("identity")
					? List.of(Periods.plain(settings.customerGracePeriod()),
							Periods.plain(settings.unverifiedRegistrationLifetime()))
					: List.of(Periods.plain(settings.customerGracePeriod()));
		}
		return stores.stream().filter(store -> store.category().equals(category.name())).map(DataStore::retention)
				.filter(Objects::nonNull).max(Comparator.<Duration>naturalOrder()).map(Periods::plain).stream().toList();
	}

	private static String text(String html) {
		return HtmlUtils.htmlUnescape(html.replaceAll("<[^>]*>", " ").replaceAll("\\s+", " "));
	}
}
