package eu.pledge.privacy.compliance;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.Holders;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.privacy.spi.DataStore;

/**
 * Compares the live database schema and the holders' declarations with the inventory: every table is declared by
 * a holder or on the reviewed allow-list, every declared category exists, and no allow-listed table grew a column
 * that looks personal. Used by the build (InventoryTests) and at runtime by the compliance check.
 */
@Component
class InventoryCheck {

	// Both databases answer INFORMATION_SCHEMA; CURRENT_SCHEMA is the schema Flyway migrated (tests isolate it).
	private static final String TABLES = """
			SELECT LOWER(table_name) FROM information_schema.tables
			WHERE table_schema = CURRENT_SCHEMA AND table_type = 'BASE TABLE'""";
	private static final String COLUMNS = """
			SELECT LOWER(table_name) AS t, LOWER(column_name) AS c FROM information_schema.columns
			WHERE table_schema = CURRENT_SCHEMA""";
	// PostgreSQL partitions of a declared table (audit_events_p20250101, audit_events_default) belong to it.
	private static final Pattern PARTITION = Pattern.compile("(.+)_(p\\d{8}|default)");

	/**
	 * @param undeclared tables neither a holder nor the allow-list accounts for (personal data nobody answers for)
	 * @param pending tables only the temporary list of branch {@code rights} accounts for
	 * @param unknownCategories declared categories the inventory does not have
	 * @param suspiciousColumns {@code table.column} in allow-listed tables whose name looks personal
	 * @param contradictions tables a holder declares and the allow-list calls free of personal data
	 * @param tables how many tables were checked
	 * @param declared how many a holder declares
	 */
	record Report(Set<String> undeclared, Set<String> unknownCategories,
			Set<String> suspiciousColumns, Set<String> contradictions, int tables, int declared) {

		boolean buildPasses() {
			return undeclared.isEmpty() && unknownCategories.isEmpty() && suspiciousColumns.isEmpty()
					&& contradictions.isEmpty();
		}

		List<String> problems() {
			List<String> problems = new ArrayList<>();
			undeclared.forEach(table -> problems.add("table " + table + " is declared by no holder and not on the allow-list"));
			unknownCategories.forEach(category -> problems.add("category " + category + " is not in the inventory"));
			suspiciousColumns.forEach(column -> problems.add("column " + column + " looks personal in a table listed as holding no personal data"));
			contradictions.forEach(table -> problems.add("table " + table + " is declared by a holder and allow-listed as holding no personal data"));
			return problems;
		}
	}

	private final JdbcClient jdbc;
	private final Holders holders;
	private final Inventory inventory;

	InventoryCheck(JdbcClient jdbc, Holders holders, Inventory inventory) {
		this.jdbc = jdbc;
		this.holders = holders;
		this.inventory = inventory;
	}

	Report run() {
		List<DataStore> stores = holders.stores();
		Set<String> declared = new TreeSet<>();
		Set<String> unknownCategories = new TreeSet<>();
		for (DataStore store : stores) {
			if (store.location().startsWith("table:")) {
				declared.add(store.location().substring("table:".length()).toLowerCase());
			}
			if (inventory.category(store.category()).isEmpty()) {
				unknownCategories.add(store.category());
			}
		}
		Set<String> tables = new TreeSet<>(jdbc.sql(TABLES).query(String.class).list());
		Set<String> undeclared = new TreeSet<>();
		Set<String> contradictions = new TreeSet<>();
		for (String table : tables) {
			String owner = ownerOf(table, tables);
			boolean allowed = NoPersonalData.entry(owner).isPresent();
			if (declared.contains(owner)) {
				if (allowed) {
					contradictions.add(owner);
				}
			}
			else if (!allowed) {
				undeclared.add(table);
			}
		}
		Set<String> suspicious = new TreeSet<>();
		jdbc.sql(COLUMNS).query((rs, row) -> new String[] { rs.getString("t"), rs.getString("c") }).list()
				.forEach(column -> NoPersonalData.entry(ownerOf(column[0], tables))
						.filter(entry -> NoPersonalData.PERSONAL_COLUMN.matcher(column[1]).find())
						.filter(entry -> !entry.reviewedColumns().contains(column[1]))
						.ifPresent(entry -> suspicious.add(column[0] + "." + column[1])));
		int declaredCount = (int) tables.stream().filter(table -> declared.contains(ownerOf(table, tables))).count();
		return new Report(undeclared, unknownCategories, suspicious, contradictions, tables.size(),
				declaredCount);
	}

	/** The table itself, or for a partition the partitioned table it belongs to. */
	private static String ownerOf(String table, Set<String> tables) {
		var partition = PARTITION.matcher(table);
		return partition.matches() && tables.contains(partition.group(1)) ? partition.group(1) : table;
	}
}
