package eu.pledge.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import eu.pledge.accounts.Accounts;
import eu.pledge.accounts.Registered;
import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionSettings;
import eu.pledge.shared.AccountId;

/**
 * "Beyond that period all your data will be destroyed": no account that is not a customer still exists past its
 * date: the one fixed for it, or, where none was fixed (the rule never ran, or missed it), the grace period after it
 * stopped being one as the data shows. Reads every account, not what the rule recorded doing.
 */
@Component
class NonCustomersCheck implements ComplianceCheck {

	private final Accounts accounts;
	private final CustomerRule rule;
	private final NonCustomerRepository rows;
	private final RetentionSettings settings;

	NonCustomersCheck(Accounts accounts, CustomerRule rule, NonCustomerRepository rows, RetentionSettings settings) {
		this.accounts = accounts;
		this.rule = rule;
		this.rows = rows;
		this.settings = settings;
	}

	@Override
	public String promise() {
		return "non-customer-data-destroyed";
	}

	@Override
	public Result check(Instant now) {
		// the sweeper runs every interval: what became due within the last one may still be waiting
		Instant cutoff = now.minus(settings.sweepInterval());
		Map<String, Long> overdue = new TreeMap<>();
		AccountId after = null;
		List<Registered> page;
		do {
			page = accounts.registered(after, settings.sweepBatch());
			Set<AccountId> nonCustomers = rule.nonCustomers(page, now);
			Map<AccountId, Departure.Scheduled> scheduled = rows
					.scheduledAmong(nonCustomers.stream().map(AccountId::value).toList()).stream()
					.collect(Collectors.toMap(Departure.Scheduled::account, Function.identity()));
			for (Registered account : page) {
				if (!nonCustomers.contains(account.id())) {
					continue;
				}
				Departure.Scheduled fixed = scheduled.get(account.id());
				Departure departure = fixed != null ? fixed.departure() : rule.departure(account, now);
				Instant date = fixed != null ? fixed.destroyAt()
						: departure.stoppedAt().plus(settings.customerGracePeriod());
				if (date.isBefore(cutoff)) {
					overdue.merge(departure.reason().key(), 1L, Long::sum);
				}
			}
			after = page.isEmpty() ? null : page.get(page.size() - 1).id();
		}
		while (page.size() >= settings.sweepBatch());
		String rule = "destroyed " + settings.customerGracePeriod().toDays()
				+ " days after the account stopped being a customer, or registered without becoming one";
		long total = overdue.values().stream().mapToLong(Long::longValue).sum();
		return total == 0 ? Result.pass("no account that is not a customer is past its date (" + rule + ")")
				: Result.fail(total + " accounts that are not customers still hold data past their date " + overdue
						+ " (" + rule + ")");
	}
}
