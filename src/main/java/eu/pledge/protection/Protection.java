package eu.pledge.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.protection.Admission.Verdict;
import eu.pledge.shared.AccountId;

/**
 * The facade every login attempt asks first. Addresses are strings as derived by the web edge; account keys
 * are opaque keyed indexes chosen by the caller (never an email).
 * <p>
 * Three counters work together. Per address: too many failures across all accounts block the address, for
 * longer each time. Per account: too many failures from anywhere impose a growing wait, except on addresses
 * the owner recently signed in from, so that strangers cannot lock the owner out. Per (address, account):
 * a smaller limit with the same wait, which also covers the owner's known addresses. A success only resets
 * the pair: resetting the others would let an attacker wipe his own record with one account he controls.
 * <p>
 * Input that is not an IP literal counts as no address: only the account counter applies to it.
 */
@Service
public class Protection {

	private static final Logger log = LoggerFactory.getLogger(Protection.class);
	private static final int MAX_ACCOUNT_KEY_LENGTH = 128;
	/**
	 * How long an admitted attempt may stay undecided and still count as pending. It covers the queue for a
	 * password check and the check itself many times over; a count older than this was left by a node that
	 * died mid-attempt, and is ignored rather than holding the limits down for good.
	 */
	static final Duration ATTEMPT_TIME = Duration.ofMinutes(1);

	private final AddressRecords addresses;
	private final Throttles throttles;
	private final KnownAddresses known;
	private final BlockView blocks;
	private final Clock clock;
	private final ProtectionProperties properties;
	private final TransactionTemplate ownTransaction;
	private final ObjectProvider<AccountKeys> accounts;

	Protection(AddressRecords addresses, Throttles throttles, KnownAddresses known, BlockView blocks, Clock clock,
			ProtectionProperties properties, PlatformTransactionManager transactions, ObjectProvider<AccountKeys> accounts) {
		this.accounts = accounts;
		this.addresses = addresses;
		this.throttles = throttles;
		this.known = known;
		this.blocks = blocks;
		this.clock = clock;
		this.properties = properties;
		// A failed login usually rolls the caller's transaction back; the failure must count all the same.
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/**
	 * Admits an attempt from {@code address} on {@code accountKey} (null when not known), or refuses it; an
	 * admitted one counts as pending until it is decided. Admission, the check of every limit and the count
	 * are one transaction on the counters' rows, so the limits hold however many attempts arrive at once on
	 * however many nodes.
	 */
	public Attempt begin(String address, String accountKey) {
		ClientAddress client = parse(address).orElse(null);
		String key = accountKey(accountKey);
		Instant now = Timestamps.now(clock);
		Instant until = now.plus(ATTEMPT_TIME);
		Reservation reservation = ownTransaction.execute(status -> {
			Reservation made = reserve(client, key, now, until);
			if (!made.admission().allowed()) {
				status.setRollbackOnly();
			}
			return made;
		});
		Admission admission = reservation.admission();
		if (admission.verdict() == Verdict.ADDRESS_BLOCKED) {
			blocks.blocked(client, now.plus(admission.retryAfter()));
		}
		return new Attempt(this, admission, client, key, reservation.accountCounted());
	}

	/**
	 * Locks and counts in the order address, account, pair (and a success then the known address), as every other
	 * change does, the erasure of a person's records included ({@code AddressData}): no deadlock.
	 */
	private Reservation reserve(ClientAddress client, String key, Instant now, Instant until) {
		if (client != null) {
			Admission admission = addresses.reserve(client, now, until);
			if (!admission.allowed()) {
				return new Reservation(admission, false);
			}
		}
		if (key == null) {
			return new Reservation(Admission.ALLOWED, false);
		}
		// The owner's own addresses are not held back by what strangers do to the account.
		boolean accountCounted = client == null || !known.isKnown(key, client, now);
		if (accountCounted) {
			Admission admission = throttles.reserveAccount(key, now, until);
			if (!admission.allowed()) {
				return new Reservation(admission, false);
			}
		}
		if (client != null) {
			Admission admission = throttles.reservePair(client, key, now, until);
			if (!admission.allowed()) {
				return new Reservation(admission, false);
			}
		}
		return new Reservation(Admission.ALLOWED, accountCounted);
	}

	/** Counts a failure; {@code pending}: of an admitted attempt, which held the address and the pair. */
	void failed(ClientAddress client, String key, boolean pending, boolean accountPending) {
		Instant now = Timestamps.now(clock);
		Optional<Instant> blockEnd = ownTransaction.execute(status -> {
			Optional<Instant> end = client == null ? Optional.empty() : addresses.countFailure(client, pending, now);
			if (key != null) {
				throttles.countAccountFailure(key, accountPending, now);
				if (client != null) {
					throttles.countPairFailure(client, key, pending, now);
				}
			}
			return end;
		});
		blockEnd.ifPresent(end -> blocked(client, now, end));
	}

	/**
	 * Remembers the owner's address and forgets the pair; {@code pending}: ends an admitted attempt. The account's
	 * row is taken first, as an erasure takes it before the rows below: a sign-in whose password check ended while
	 * the account was being erased (the erasure form sent twice) waits for the erasure and remembers nothing, where
	 * it left a known address under the erased person's key (and signed in to an account that was gone).
	 *
	 * @return whether the account still exists ({@code account} null: not asked)
	 */
	boolean succeeded(ClientAddress client, String key, boolean pending, boolean accountPending, AccountId account) {
		Instant now = Timestamps.now(clock);
		return Boolean.TRUE.equals(ownTransaction.execute(status -> {
			AccountKeys owners = accounts.getIfAvailable();
			boolean ownerExists = account == null || owners == null || owners.hold(account);
			if (client != null && pending) {
				addresses.release(client);
			}
			if (accountPending) {
				throttles.releaseAccount(key);
			}
			if (client != null) {
				throttles.resetPair(client, key);
				if (ownerExists) {
					known.remember(key, client, now);
				}
			}
			return ownerExists;
		}));
	}

	/** Ends an admitted attempt that was decided neither way. */
	void abandoned(ClientAddress client, String key, boolean accountPending) {
		ownTransaction.executeWithoutResult(status -> {
			if (client != null) {
				addresses.release(client);
			}
			if (accountPending) {
				throttles.releaseAccount(key);
			}
			if (client != null && key != null) {
				throttles.releasePair(client, key);
			}
		});
	}

	/** Counts a failure that was never admitted as an attempt (tests that set up a history). */
	void recordFailure(String address, String accountKey) {
		failed(parse(address).orElse(null), accountKey(accountKey), false, false);
	}

	/** Records a sign-in that was never admitted as an attempt (tests that set up a history). */
	void recordSuccess(String address, String accountKey) {
		succeeded(parse(address).orElse(null), Objects.requireNonNull(accountKey(accountKey)), false, false, null);
	}

	/** How much longer {@code address} is blocked, if it is; cheap enough to call on every request. */
	public Optional<Duration> blockedFor(String address) {
		return parse(address).flatMap(blocks::blockedFor);
	}

	/**
	 * The form this module counts and stores {@code address} under (IPv4, or the IPv6 network prefix), so that
	 * other modules that count per address count the same client once; empty when it is no IP literal.
	 */
	public Optional<String> addressKey(String address) {
		return parse(address).map(ClientAddress::value);
	}

	private void blocked(ClientAddress client, Instant now, Instant end) {
		blocks.blocked(client, end);
		log.info("Blocked a client address for {} after {} failed sign-ins", Duration.between(now, end),
				properties.addressLimit());
	}

	private Optional<ClientAddress> parse(String address) {
		return ClientAddress.parse(address, properties.ipv6PrefixLength());
	}

	private record Reservation(Admission admission, boolean accountCounted) {
	}

	private static String accountKey(String accountKey) {
		if (accountKey == null || accountKey.isBlank()) {
			return null;
		}
		if (accountKey.length() > MAX_ACCOUNT_KEY_LENGTH) {
			throw new IllegalArgumentException("An account key is at most " + MAX_ACCOUNT_KEY_LENGTH + " characters");
		}
		return accountKey;
	}
}
