package eu.pledge.access;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.accounts.Accounts;
import eu.pledge.accounts.Registered;
import eu.pledge.privacy.Holders;
import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.DataDestruction;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.privacy.spi.RetentionSettings;
import eu.pledge.shared.AccountId;

/**
 * "We will store your data only as long as you remain a customer", for every account ({@link CustomerRule} says who
 * is one). Each run walks every account a page at a time: an account that is a customer again loses its date (a new
 * contract or membership in time cancels); one found no longer a customer gets its date, fixed once: the grace period
 * after it stopped being one. Then every account not yet told is mailed that date and how to download its data first
 * (a restricted one is not mailed: no processing, but the date still holds); then every account whose date has come
 * is erased through the same erasure as the right to erasure ({@link Holders#eraseAll}: every holder, then the data
 * key). Safe with any number of runs at once on any number of nodes: the row is inserted once (a second insert fails
 * and is dropped with its transaction), told once (a compare-and-set on its state, the mail queued in the same
 * transaction) and erased once (whoever's delete removed the row erases).
 */
@Component
class NonCustomers implements RetentionRule, DataDestruction {

	static final String MAILED = "MAILED";
	static final String RESTRICTED = "RESTRICTED";

	private final NonCustomerRepository rows;
	private final CustomerRule rule;
	private final Accounts accounts;
	private final Access access;
	private final Holders holders;
	private final NonCustomerMails mails;
	private final RetentionSettings settings;
	private final BatchedSweep batches;
	private final TransactionTemplate nested;
	private final java.time.Clock clock;

	NonCustomers(NonCustomerRepository rows, CustomerRule rule, Accounts accounts, Access access, Holders holders,
			NonCustomerMails mails, RetentionSettings settings, PlatformTransactionManager transactions,
			java.time.Clock clock) {
		this.clock = clock;
		this.rows = rows;
		this.rule = rule;
		this.accounts = accounts;
		this.access = access;
		this.holders = holders;
		this.mails = mails;
		this.settings = settings;
		this.batches = new BatchedSweep(transactions);
		// a savepoint inside a caller's transaction (a removal), a transaction of its own in the sweep
		this.nested = new TransactionTemplate(transactions);
		this.nested.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
	}

	@Override
	public String name() {
		return "non-customers";
	}

	@Override
	public String category() {
		return "identity";
	}

	@Override
	public long sweep(Instant now) {
		schedule(now);
		batches.run(settings.sweepBatch(), size -> {
			List<UUID> untold = rows.untold(size);
			untold.forEach(this::tell);
			return new BatchedSweep.Batch(untold.size(), 0);
		});
		return batches.run(settings.sweepBatch(), size -> {
			List<UUID> due = rows.due(now, size);
			long erased = due.stream().filter(account -> destroy(account, now)).count();
			return new BatchedSweep.Batch(due.size(), erased);
		});
	}

	/** Walks every account: cancels the dates of customers, fixes the dates of those who stopped being one. */
	private void schedule(Instant now) {
		AccountId after = null;
		List<Registered> page;
		do {
			page = accounts.registered(after, settings.sweepBatch());
			Set<AccountId> nonCustomers = rule.nonCustomers(page, now);
			Set<AccountId> scheduled = rows.scheduledAmong(page.stream().map(account -> account.id().value()).toList())
					.stream().map(Departure.Scheduled::account).collect(Collectors.toSet());
			for (Registered account : page) {
				if (scheduled.contains(account.id()) && !nonCustomers.contains(account.id())) {
					rows.delete(account.id().value()); // a customer again in time: the date is cancelled
				}
				else if (!scheduled.contains(account.id()) && nonCustomers.contains(account.id())) {
					insert(account.id(), rule.departure(account, now), now);
				}
			}
			after = page.isEmpty() ? null : page.get(page.size() - 1).id();
		}
		while (page.size() >= settings.sweepBatch());
	}

	/** Whether the account is a customer now (before a removal: whether the removal can end its being one). */
	boolean isCustomer(AccountId account, Instant now) {
		return accounts.registered(account).map(registered -> rule.isCustomer(registered, now)).orElse(false);
	}

	/**
	 * The member, a customer until now, was just removed from an organisation (inside the removal's transaction): when
	 * that ended their being a customer, their date counts from now, which the data no longer shows once the membership
	 * row is gone. A date left from before they became a customer (no run has cancelled it yet) is replaced.
	 */
	void removed(AccountId member, Instant now) {
		rows.delete(member.value());
		if (!isCustomer(member, now) && accounts.registered(member).isPresent()) {
			insert(member, new Departure(Departure.Reason.REMOVED, now), now);
		}
	}

	/** The account just joined an organisation: a date it had is cancelled now, not at the next run. */
	void joined(AccountId member, Instant now) {
		if (isCustomer(member, now)) {
			rows.delete(member.value());
		}
	}

	private void insert(AccountId account, Departure departure, Instant now) {
		try {
			nested.executeWithoutResult(status -> rows.insert(account, departure,
					departure.stoppedAt().plus(settings.customerGracePeriod()), now));
		}
		catch (DuplicateKeyException | ConcurrencyFailureException ex) {
			// another run (or node) fixed the date first; theirs stands
		}
	}

	private void tell(UUID id) {
		AccountId account = new AccountId(id);
		if (gone(account)) {
			return;
		}
		boolean restricted = access.restricted(account);
		if (!rows.told(id, restricted ? RESTRICTED : MAILED)) {
			return; // another run told them
		}
		if (!restricted) {
			rows.scheduled(account).ifPresent(scheduled -> mails.notice(account, scheduled));
		}
	}

	/**
	 * A run that read its page of accounts before another run erased one of them may have fixed a date for it after
	 * the erasure; that row names nobody and goes.
	 */
	private boolean gone(AccountId account) {
		if (accounts.registered(account).isPresent()) {
			return false;
		}
		rows.delete(account.value());
		return true;
	}

	/** Erases the account if its date has come and it is still not a customer; false when another run did. */
	private boolean destroy(UUID id, Instant now) {
		AccountId account = new AccountId(id);
		Optional<Registered> registered = accounts.registered(account);
		if (registered.isEmpty() || rule.isCustomer(registered.get(), now)) {
			rows.delete(id); // erased meanwhile, or a customer again in time: nothing to destroy
			return false;
		}
		if (!rows.delete(id)) {
			return false;
		}
		holders.eraseAll(account);
		return true;
	}

	/** The date fixed for the account, or the one it would get now; empty for a customer. */
	@Override
	public Optional<Instant> destroyedOn(AccountId account) {
		Optional<Registered> registered = accounts.registered(account);
		Instant now = clock.instant();
		if (registered.isEmpty() || rule.isCustomer(registered.get(), now)) {
			return Optional.empty();
		}
		return rows.scheduled(account).map(Departure.Scheduled::destroyAt).or(() -> Optional
				.of(rule.departure(registered.get(), now).stoppedAt().plus(settings.customerGracePeriod())));
	}
}
