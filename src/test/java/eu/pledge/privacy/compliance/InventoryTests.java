package eu.pledge.privacy.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.privacy.Holders;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.testing.HttpTest;

/**
 * The inventory check of the build: the migrated schema (H2, or PostgreSQL when its URL is given) against the
 * real holders found as beans and the reviewed allow-list. Data-driven: a table a holder declares needs nothing
 * here, so the test stays right when holders are added; only an unaccounted table fails it.
 */
class InventoryTests extends HttpTest {

	@Autowired
	InventoryCheck inventory;

	@Autowired
	Inventory categories;

	@Autowired
	Holders holders;

	@Autowired
	JdbcClient jdbc;

	@Test
	void everyTableIsDeclaredByAHolderOrReviewedAsHoldingNoPersonalData() {
		InventoryCheck.Report report = inventory.run();

		assertThat(report.problems()).isEmpty();
		assertThat(report.tables()).isGreaterThan(10);
	}

	@Test
	void everyCategoryAHolderDeclaresIsInTheInventory() {
		assertThat(holders.stores()).allSatisfy(store -> assertThat(categories.category(store.category())).isPresent());
	}

	@Test
	void anUndeclaredTableFailsTheCheck() {
		jdbc.sql("CREATE TABLE customer_notes (id INT PRIMARY KEY, note VARCHAR(200))").update();
		try {
			InventoryCheck.Report report = inventory.run();

			assertThat(report.buildPasses()).isFalse();
			assertThat(report.undeclared()).containsExactly("customer_notes");
			assertThat(report.problems()).anySatisfy(problem -> assertThat(problem).contains("customer_notes"));
		}
		finally {
			jdbc.sql("DROP TABLE customer_notes").update();
		}
		assertThat(inventory.run().buildPasses()).isTrue();
	}

	@Test
	void aPersonalLookingColumnInAReviewedTableFailsTheCheck() {
		jdbc.sql("ALTER TABLE access_contracts ADD COLUMN signer_email VARCHAR(320)").update();
		try {
			assertThat(inventory.run().suspiciousColumns()).containsExactly("access_contracts.signer_email");
		}
		finally {
			jdbc.sql("ALTER TABLE access_contracts DROP COLUMN signer_email").update();
		}
		assertThat(inventory.run().suspiciousColumns()).isEmpty();
	}

	@Test
	void everyAllowListedTableHasAReasonAndExists() {
		InventoryCheck.Report report = inventory.run();
		assertThat(NoPersonalData.TABLES).allSatisfy(entry -> assertThat(entry.reason()).isNotBlank());
		java.util.Set<String> tables = new java.util.HashSet<>(jdbc.sql(
				"SELECT LOWER(table_name) FROM information_schema.tables WHERE table_schema = CURRENT_SCHEMA")
				.query(String.class).list());
		assertThat(tables).containsAll(NoPersonalData.TABLES.stream().map(NoPersonalData.Entry::table).toList());
		assertThat(report.contradictions()).isEmpty();
	}
}
