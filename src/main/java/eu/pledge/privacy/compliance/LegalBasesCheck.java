package eu.pledge.privacy.compliance;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.inventory.Category;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.privacy.inventory.Purpose;
import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * Art. 6 and 13(1)(c) GDPR: every purpose of the inventory declares its legal basis, and every category is processed
 * on the basis of one of its purposes (so the data page and the notice cannot tell two stories).
 */
@Component
class LegalBasesCheck implements ComplianceCheck {

	private final Inventory inventory;

	LegalBasesCheck(Inventory inventory) {
		this.inventory = inventory;
	}

	@Override
	public String promise() {
		return "every-purpose-has-legal-basis";
	}

	@Override
	public Result check(Instant now) {
		List<String> missing = inventory.purposes().stream().filter(purpose -> inventory.legalBasis(purpose).isEmpty())
				.map(purpose -> "the purpose " + purpose.name().toLowerCase() + " declares no legal basis").toList();
		List<String> unmatched = inventory.categories().stream().filter(category -> !matched(category))
				.map(category -> "the category " + category.name() + " rests on a basis none of its purposes declares")
				.toList();
		if (missing.isEmpty() && unmatched.isEmpty()) {
			return Result.pass(inventory.purposes().size() + " purposes each declare a legal basis; "
					+ inventory.categories().size() + " categories rest on one of them");
		}
		return Result.fail(String.join("; ", java.util.stream.Stream.concat(missing.stream(), unmatched.stream()).toList()));
	}

	private boolean matched(Category category) {
		for (Purpose purpose : category.purposes()) {
			if (inventory.legalBasis(purpose).filter(category.legalBasis()::equals).isPresent()) {
				return true;
			}
		}
		return false;
	}
}
