package eu.pledge.access;

import java.time.Instant;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;

/** "Beyond that period all your data will be destroyed": nobody is still a member only of departed customers. */
@Component
class DepartedCustomersCheck implements ComplianceCheck {

	private final DepartedCustomers rule;
	private final RetentionSettings properties;

	DepartedCustomersCheck(DepartedCustomers rule, RetentionSettings properties) {
		this.rule = rule;
		this.properties = properties;
	}

	@Override
	public String promise() {
		return "customer-data-destroyed-after-grace-period";
	}

	@Override
	public Result check(Instant now) {
		// the sweeper runs every interval: what became due within the last one may still be waiting
		long overdue = rule.overdue(now.minus(properties.sweepInterval()));
		String rule = "grace period " + properties.customerGracePeriod().toDays() + " days after the last contract ended";
		return overdue == 0 ? Result.pass("no account of an organisation past its grace period (" + rule + ")")
				: Result.fail(overdue + " accounts of organisations past their grace period still hold data (" + rule + ")");
	}
}
