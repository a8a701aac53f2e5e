package eu.pledge.privacy.rights;

import java.time.Instant;
import java.util.List;

import eu.pledge.privacy.Restriction;
import eu.pledge.shared.AccountId;

/**
 * Everything Pledge holds about one person, grouped by the inventory's categories: the body of
 * {@code GET /api/v1/me/data}, of the export and of the data page. Field names are a documented contract
 * (docs/PRIVACY-EXPORT.md); add fields, never rename them.
 *
 * @param schema the version of this shape, {@value #SCHEMA}
 * @param restriction the restriction of processing in force, or null
 * @param destroyedOn when all of it will be destroyed if nothing changes, because the account is not (or no longer) a
 *        customer; null while it is one
 * @param categories every category of the inventory, also those holding nothing about this person
 */
record DataReport(String schema, Instant generatedAt, AccountId accountId, Restriction restriction,
		Instant destroyedOn, List<CategoryData> categories) {

	static final String SCHEMA = "pledge-personal-data/1";

	int itemCount() {
		return categories.stream().mapToInt(category -> category.items().size()).sum();
	}

	@Override
	public String toString() {
		return "DataReport[items=" + itemCount() + "]";
	}

	/**
	 * @param purposes the purposes in the privacy notice's words
	 * @param retention the category's rule in plain language
	 */
	record CategoryData(String name, String title, String description, List<String> purposes, String legalBasis,
			String readers, String retention, List<ItemData> items) {

		@Override
		public String toString() {
			return "CategoryData[" + name + ", items=" + items.size() + "]";
		}
	}

	/**
	 * @param kind the stable name of the shape of {@code data}
	 * @param deletedBy when the item is deleted at the latest; null when it lives as long as the account
	 * @param deletion the same in words: a date, or the category's rule
	 * @param data the item itself
	 */
	record ItemData(String kind, Instant deletedBy, String deletion, Object data) {

		@Override
		public String toString() {
			return "ItemData[" + kind + "]";
		}
	}
}
