package eu.pledge.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.protection.Admission.Verdict;

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

	private final AddressRecords addresses;
	private final Throttles throttles;
	private final KnownAddresses known;
	private final BlockView blocks;
	private final Clock clock;
	private final ProtectionProperties properties;
	private final TransactionTemplate ownTransaction;

	Protection(AddressRecords addresses, Throttles throttles, KnownAddresses known, BlockView blocks, Clock clock,
			ProtectionProperties properties, PlatformTransactionManager transactions) {
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

	/** May an attempt from {@code address} on {@code accountKey} (null when not known) proceed now? */
	public Admission admit(String address, String accountKey) {
		Optional<ClientAddress> client = parse(address);
		String key = accountKey(accountKey);
		Instant now = Timestamps.now(clock);
		if (client.isPresent()) {
			Optional<Instant> blockEnd = addresses.blockedUntil(client.get(), now);
			if (blockEnd.isPresent()) {
				blocks.blocked(client.get(), blockEnd.get());
				return new Admission(Verdict.ADDRESS_BLOCKED, Duration.between(now, blockEnd.get()));
			}
		}
		if (key == null) {
			return Admission.ALLOWED;
		}
		Throttles.Waits waits = throttles.waits(key, client.orElse(null), now);
		Duration wait = waits.pair();
		if (waits.account().compareTo(wait) > 0
				&& (client.isEmpty() || !known.isKnown(key, client.get(), now))) {
			wait = waits.account();
		}
		return wait.isZero() ? Admission.ALLOWED : new Admission(Verdict.THROTTLED, wait);
	}

	/** Counts a failed attempt against the address, the account and the pair; {@code accountKey} may be null. */
	public void recordFailure(String address, String accountKey) {
		Optional<ClientAddress> client = parse(address);
		String key = accountKey(accountKey);
		Instant now = Timestamps.now(clock);
		// Rows are always locked in this order (address, account, pair), so concurrent failures cannot deadlock.
		Optional<Instant> blockEnd = ownTransaction.execute(status -> {
			Optional<Instant> end = client.flatMap(c -> addresses.countFailure(c, now));
			if (key != null) {
				throttles.countAccountFailure(key, now);
				client.ifPresent(c -> throttles.countPairFailure(c, key, now));
			}
			return end;
		});
		if (blockEnd.isPresent()) {
			blocks.blocked(client.get(), blockEnd.get());
			log.info("Blocked a client address for {} after {} failed sign-ins",
					Duration.between(now, blockEnd.get()), properties.addressLimit());
		}
	}

	/**
	 * Remembers {@code address} as known for the account and resets the pair counter. The address and account
	 * counters stay as they are.
	 */
	public void recordSuccess(String address, String accountKey) {
		String key = accountKey(accountKey);
		if (key == null) {
			throw new IllegalArgumentException("A successful sign-in needs the account key");
		}
		Optional<ClientAddress> client = parse(address);
		if (client.isEmpty()) {
			return;
		}
		Instant now = Timestamps.now(clock);
		ownTransaction.executeWithoutResult(status -> {
			known.remember(key, client.get(), now);
			throttles.resetPair(client.get(), key);
		});
	}

	/** How much longer {@code address} is blocked, if it is; cheap enough to call on every request. */
	public Optional<Duration> blockedFor(String address) {
		return parse(address).flatMap(blocks::blockedFor);
	}

	private Optional<ClientAddress> parse(String address) {
		return ClientAddress.parse(address, properties.ipv6PrefixLength());
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
