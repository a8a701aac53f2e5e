package eu.pledge.privacy.rights;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

import eu.pledge.privacy.Restrictions;
import eu.pledge.privacy.inventory.Category;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.privacy.inventory.Purpose;
import eu.pledge.privacy.spi.DataDestruction;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;

/**
 * The rights of access and portability: asks every {@link PersonalDataHolder} what it holds about the person
 * and files each item under its inventory category, with the category's purposes and the item's deletion date.
 */
@Service
class PersonalData {

	private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("d MMMM uuuu, HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC);

	private final ObjectProvider<PersonalDataHolder> holders;
	private final Inventory inventory;
	private final Restrictions restrictions;
	private final Clock clock;
	private final ObjectProvider<DataDestruction> destruction;

	PersonalData(ObjectProvider<PersonalDataHolder> holders, Inventory inventory, Restrictions restrictions,
			Clock clock, ObjectProvider<DataDestruction> destruction) {
		this.destruction = destruction;
		this.holders = holders;
		this.inventory = inventory;
		this.restrictions = restrictions;
		this.clock = clock;
	}

	/**
	 * What every holder holds, each read on its own. Not in one transaction: the server-log holder waits up to
	 * {@code pledge.serverlogs.export-wait} for the other nodes' answers, and a transaction held meanwhile would
	 * hold a database connection the whole time (and need a second one to ask), so that a few exports at once on
	 * each node took every connection of the pool (a 503 for everyone). Under READ COMMITTED, the isolation of
	 * both databases here, one transaction gave the holders no common snapshot anyway.
	 */
	DataReport of(AccountId account) {
		Map<String, List<DataReport.ItemData>> byCategory = new LinkedHashMap<>();
		inventory.categories().forEach(category -> byCategory.put(category.name(), new ArrayList<>()));
		holders.orderedStream().forEach(holder -> {
			for (HeldItem item : holder.export(account)) {
				byCategory.computeIfAbsent(item.category(), name -> new ArrayList<>()).add(item(item));
			}
		});
		List<DataReport.CategoryData> categories = new ArrayList<>();
		byCategory.forEach((name, items) -> {
			Category category = inventory.category(name).orElse(null);
			List<DataReport.ItemData> described = category == null ? items : items.stream()
					.map(item -> item.deletedBy() != null ? item
							: new DataReport.ItemData(item.kind(), null, category.retention(), item.data()))
					.toList();
			categories.add(category == null
					? new DataReport.CategoryData(name, name, "", List.of(), "", "", "", described)
					: new DataReport.CategoryData(name, category.title(), category.description(),
							category.purposes().stream().map(Purpose::plain).toList(), category.legalBasis(),
							category.readers(), category.retention(), described));
		});
		// the earliest date any module fixed: the one that will happen if nothing changes
		Instant destroyedOn = destruction.orderedStream().flatMap(source -> source.destroyedOn(account).stream())
				.min(Comparator.naturalOrder()).orElse(null);
		return new DataReport(DataReport.SCHEMA, clock.instant(), account, restrictions.current(account).orElse(null),
				destroyedOn, categories);
	}

	private static DataReport.ItemData item(HeldItem item) {
		return new DataReport.ItemData(item.kind(), item.deletedBy(),
				item.deletedBy() == null ? null : "by " + DATE.format(item.deletedBy()), item.data());
	}
}
