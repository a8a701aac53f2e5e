package eu.pledge.privacy.notice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

import eu.pledge.privacy.spi.SystemRecipients;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.Holders;
import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.inventory.Category;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.privacy.inventory.Purpose;
import eu.pledge.privacy.spi.DataStore;

/**
 * The privacy notice's content, computed from the inventory, the holders' declared stores and the configured
 * periods: every number on the page comes from here, and so do the numbers the compliance check looks for.
 */
@Component
public class Notice {

	/**
	 * @param category the inventory category
	 * @param retention the retention sentence, with the configured numbers
	 * @param numbers the configured periods in that sentence, as printed
	 */
	record Section(Category category, String retention, List<String> numbers) {
	}

	/**
	 * @param purpose the purpose in the notice's words
	 * @param legalBasis its legal basis, or null when none is declared (the compliance check fails then)
	 * @param objectable whether it rests on legitimate interest, so that a person may object (Art. 21)
	 */
	record PurposeBasis(String purpose, String legalBasis, boolean objectable) {
	}

	/** Said when no data protection officer is designated (Art. 13(1)(b) asks for the contact when there is one). */
	public static final String NO_DPO = "We have not designated a data protection officer";

	private final Inventory inventory;
	private final Holders holders;
	private final PrivacyProperties properties;
	private final NoticeProperties settings;
	private final List<SystemRecipients> recipients;

	Notice(Inventory inventory, Holders holders, PrivacyProperties properties, NoticeProperties settings,
			List<SystemRecipients> recipients) {
		this.inventory = inventory;
		this.holders = holders;
		this.properties = properties;
		this.settings = settings;
		this.recipients = recipients;
	}

	/** The vendor's systems that receive data through Pledge, and what each receives (none without single sign-on). */
	List<SystemRecipients.SystemRecipient> systems() {
		return recipients.stream().flatMap(declared -> declared.systems().stream()).toList();
	}

	/** The legal basis of every purpose, in the notice's order. */
	List<PurposeBasis> legalBases() {
		return inventory.purposes().stream().map(purpose -> new PurposeBasis(purpose.plain(),
				inventory.legalBasis(purpose).orElse(null), inventory.objectable(purpose))).toList();
	}

	NoticeProperties settings() {
		return settings;
	}

	/** Purposes, for the page's list. */
	List<Purpose> purposes() {
		return inventory.purposes();
	}

	List<Section> sections() {
		List<DataStore> stores = holders.stores();
		List<Section> sections = new ArrayList<>();
		for (Category category : inventory.categories()) {
			sections.add(section(category, stores));
		}
		return sections;
	}

	/** Every configured period the notice prints. */
	public List<String> numbers() {
		return sections().stream().flatMap(section -> section.numbers().stream()).distinct().toList();
	}

	PrivacyProperties.Controller controller() {
		return properties.controller();
	}

	private Section section(Category category, List<DataStore> stores) {
		if (category.followsAccount()) {
			String grace = Periods.plain(properties.customerGracePeriod());
			String text = "As long as you remain a customer, that is while you belong to an organisation with a contract in force: "
					+ grace + " after you stop being one (your organisation's last contract ended or was suspended, your"
					+ " organisation was closed, or you were removed from it), or " + grace + " after you registered if you"
					+ " never became one, all your data is destroyed. We tell you the date by mail, with a link to download"
					+ " your data first, and show it on your data page; a new contract or membership before then cancels it.";
			if (category.name().equals("identity")) {
				String unverified = Periods.plain(properties.unverifiedRegistrationLifetime());
				return new Section(category, text + " A registration whose email address is never confirmed is deleted after "
						+ unverified + ".", List.of(grace, unverified));
			}
			return new Section(category, text, List.of(grace));
		}
		Duration longest = stores.stream().filter(store -> store.category().equals(category.name()))
				.map(DataStore::retention).filter(Objects::nonNull).max(Comparator.naturalOrder()).orElse(null);
		if (longest == null) {
			return new Section(category, capitalised(category.retention()) + ".", List.of());
		}
		String period = Periods.plain(longest);
		return new Section(category, "Deleted at the latest " + period + " after it was last needed ("
				+ category.retention() + ").", List.of(period));
	}

	private static String capitalised(String text) {
		return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
	}
}
