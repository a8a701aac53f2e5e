package eu.pledge.privacy.notice;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.Holders;
import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.inventory.Category;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.privacy.inventory.Purpose;
import eu.pledge.privacy.spi.DataStore;

/** Builds the {@link ProcessingRecord} from the inventory, the holders' stores and the configuration. */
@Component
class ProcessingRecords {

	static final List<String> DATA_SUBJECTS = List.of(
			"people with an account: members of the vendor's customer organisations and the vendor's own staff",
			"people who attempt to sign in (their IP address, temporarily)",
			"people who write through the contact form or make a data-subject request");

	static final List<String> SECURITY_MEASURES = List.of(
			"passwords stored only as Argon2id hashes; unknown accounts cost the same time to check",
			"name, email and postal address encrypted with AES-256-GCM under a per-account data key, wrapped by a master key kept outside the database; email looked up through a keyed HMAC index",
			"erasure by destroying the account's data key (crypto-shredding), so copies in backups become unreadable",
			"optional second factor (TOTP) with single-use recovery codes stored as hashes",
			"brute-force protection: throttles per address, account and pair, and address blocks, with IP records kept at most 48 hours",
			"server-side sessions with idle and absolute timeouts, a Secure, HttpOnly, host-only cookie, and a list to end sessions",
			"deny-by-default authorisation: every route is listed with who may call it; access levels come from contracts",
			"an append-only audit trail without names, emails or IP addresses, chained and signed per period so tampering is detectable",
			"a Content-Security-Policy of 'self' only, HSTS, no third-party content (no CDN, fonts, scripts or analytics)",
			"retention enforced by one sweeper and verified against the live data by the compliance check");

	private final Inventory inventory;
	private final Notice notice;
	private final Holders holders;
	private final PrivacyProperties properties;
	private final NoticeProperties settings;

	ProcessingRecords(Inventory inventory, Notice notice, Holders holders, PrivacyProperties properties,
			NoticeProperties settings) {
		this.inventory = inventory;
		this.notice = notice;
		this.holders = holders;
		this.properties = properties;
		this.settings = settings;
	}

	ProcessingRecord current() {
		List<DataStore> stores = holders.stores();
		List<ProcessingRecord.Activity> activities = notice.sections().stream().map(section -> {
			Category category = section.category();
			return new ProcessingRecord.Activity(category.name(), category.title(), category.description(),
					category.purposes().stream().map(Purpose::plain).toList(), category.legalBasis(), category.readers(),
					section.retention(), stores.stream().filter(store -> store.category().equals(category.name()))
							.map(DataStore::location).distinct().sorted().toList());
		}).toList();
		return new ProcessingRecord(properties.controller(), inventory.purposes().stream().map(Purpose::plain).toList(),
				DATA_SUBJECTS, activities, settings.processors().stream().map(ProcessingRecord.Recipient::of).toList(),
				notice.systems(),
				settings.outsideEea().stream().map(ProcessingRecord.Recipient::of).toList(), settings.hosting(),
				SECURITY_MEASURES);
	}

	/** The category names, for tests. */
	List<String> categories() {
		return inventory.categories().stream().map(Category::name).toList();
	}
}
