package eu.pledge.privacy.compliance;

import java.time.Instant;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * "We will only process your data as described": every table of the live database is declared by a holder (so
 * the notice, export and erasure cover it) or reviewed as holding no personal data. A table only the temporary
 * list of branch {@code rights} accounts for fails here: erasure does not reach it yet.
 */
@Component
class DeclaredStoresCheck implements ComplianceCheck {

	private final InventoryCheck inventory;

	DeclaredStoresCheck(InventoryCheck inventory) {
		this.inventory = inventory;
	}

	@Override
	public String promise() {
		return "every-personal-data-store-declared";
	}

	@Override
	public Result check(Instant now) {
		InventoryCheck.Report report = inventory.run();
		String counts = report.tables() + " tables, " + report.declared() + " declared by holders, "
				+ NoPersonalData.TABLES.size() + " reviewed as holding no personal data";
		if (!report.buildPasses()) {
			return Result.fail(String.join("; ", report.problems()) + " (" + counts + ")");
		}
		return Result.pass("every table is declared or reviewed (" + counts + ")");
	}
}
