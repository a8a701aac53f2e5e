package eu.pledge.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.Vault;

/**
 * Tamper evidence. A closed period's digest is SHA-256 over the previous closed period's digest and the
 * canonical form of its events in id order; its signature is an HMAC of the digest under a key only the
 * master key yields. Changing, adding or removing an event changes its period's digest; recomputing that
 * digest needs the key to re-sign it, and still breaks the next period's link.
 */
@Component
class Chain {

	private static final Logger log = LoggerFactory.getLogger(Chain.class);

	/** The previous digest of the very first period. */
	static final String GENESIS = "0".repeat(64);
	private static final String SIGNING_PURPOSE = "audit-periods";
	private static final HexFormat HEX = HexFormat.of();

	private final AuditEvents events;
	private final AuditPeriods periods;
	private final AuditProperties properties;
	private final Vault vault;
	private final Clock clock;
	private final TransactionTemplate transaction;

	Chain(AuditEvents events, AuditPeriods periods, AuditProperties properties, Vault vault, Clock clock,
			PlatformTransactionManager transactions) {
		this.events = events;
		this.periods = periods;
		this.properties = properties;
		this.vault = vault;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Closes, oldest first, every period with events that ended more than the close grace ago. Safe on many
	 * nodes: the period is the key, so a second node closing the same period fails and stops.
	 */
	int closeEndedPeriods() {
		Instant now = clock.instant();
		LocalDate firstOpen = properties.firstOpenPeriod(now);
		Optional<AuditPeriods.ClosedPeriod> last = periods.latest();
		LocalDate after = last.map(AuditPeriods.ClosedPeriod::period).orElse(null);
		String previous = last.map(AuditPeriods.ClosedPeriod::digest).orElse(GENESIS);
		int closed = 0;
		try {
			for (LocalDate next = events.nextPeriodWithEvents(after, firstOpen); next != null;
					next = events.nextPeriodWithEvents(next, firstOpen)) {
				LocalDate period = next;
				String previousDigest = previous;
				AuditPeriods.ClosedPeriod sealed = transaction.execute(status -> {
					Digest digest = digest(period, previousDigest);
					AuditPeriods.ClosedPeriod row = new AuditPeriods.ClosedPeriod(period, digest.count(), digest.hex(),
							previousDigest, sign(digest.hex()), now);
					periods.insert(row);
					return row;
				});
				previous = sealed.digest();
				closed++;
			}
		}
		catch (DuplicateKeyException ex) {
			log.debug("Another node closed the same audit period; continuing from its chain next time");
		}
		return closed;
	}

	/** Checks the chain from the oldest retained period to the newest closed one. */
	Verification verify() {
		return transaction.execute(status -> {
			int checked = 0;
			String expectedPrevious = null;
			for (AuditPeriods.ClosedPeriod period : periods.all()) {
				checked++;
				boolean linked = expectedPrevious == null || expectedPrevious.equals(period.previousDigest());
				Digest digest = digest(period.period(), period.previousDigest());
				boolean intact = digest.count() == period.eventCount() && same(digest.hex(), period.digest())
						&& same(sign(digest.hex()), period.signature());
				if (!linked || !intact) {
					log.warn("Audit chain verification failed at period {}", period.period());
					return new Verification(false, checked, period.period());
				}
				expectedPrevious = period.digest();
			}
			return new Verification(true, checked, null);
		});
	}

	/**
	 * Whether the closed periods from {@code from} on are intact, read in the caller's transaction and locked
	 * until it ends. An erasure asks before it pseudonymises events, and re-seals only an intact chain: a
	 * period that was already tampered with must stay evident, not be laundered by a fresh signature.
	 */
	boolean intactFrom(LocalDate from) {
		String expectedPrevious = null;
		for (AuditPeriods.ClosedPeriod period : periods.lockFrom(from)) {
			Digest digest = digest(period.period(), period.previousDigest());
			boolean intact = (expectedPrevious == null || expectedPrevious.equals(period.previousDigest()))
					&& digest.count() == period.eventCount() && same(digest.hex(), period.digest())
					&& same(sign(digest.hex()), period.signature());
			if (!intact) {
				return false;
			}
			expectedPrevious = period.digest();
		}
		return true;
	}

	/**
	 * Recomputes and re-signs, in the caller's transaction, every closed period from {@code from} on after an
	 * erasure replaced account ids in their events: the first keeps its link to the untouched period before
	 * it, each later one links to its predecessor's new digest.
	 *
	 * @return how many periods were re-sealed
	 */
	int resealFrom(LocalDate from) {
		String previous = null;
		int resealed = 0;
		for (AuditPeriods.ClosedPeriod period : periods.lockFrom(from)) {
			String previousDigest = previous == null ? period.previousDigest() : previous;
			Digest digest = digest(period.period(), previousDigest);
			periods.reseal(period.period(), digest.hex(), previousDigest, sign(digest.hex()));
			previous = digest.hex();
			resealed++;
		}
		return resealed;
	}

	private Digest digest(LocalDate period, String previousDigest) {
		MessageDigest sha256 = sha256();
		sha256.update(("pledge-audit-v1\n" + period + "\n" + previousDigest + "\n").getBytes(StandardCharsets.UTF_8));
		long[] count = { 0 };
		events.forEachIn(period, event -> {
			sha256.update(canonical(event));
			count[0]++;
		});
		return new Digest(HEX.formatHex(sha256.digest()), count[0]);
	}

	/**
	 * One event as bytes: every stored column, each length-prefixed so no value can imitate a separator, and
	 * a null distinguishable from an empty string.
	 */
	static byte[] canonical(AuditEvents.StoredEvent event) {
		StringBuilder text = new StringBuilder(256);
		for (Object value : new Object[] { event.id(), event.period(), event.occurredAt(), event.actor(),
				event.action(), event.targetType(), event.targetId(), event.outcome(), event.requestId(),
				event.detail() }) {
			if (value == null) {
				text.append("~;");
			}
			else {
				String string = value.toString();
				text.append(string.length()).append(':').append(string).append(';');
			}
		}
		return text.append('\n').toString().getBytes(StandardCharsets.UTF_8);
	}

	private String sign(String digestHex) {
		return HEX.formatHex(vault.sign(SIGNING_PURPOSE, HEX.parseHex(digestHex)));
	}

	private static boolean same(String a, String b) {
		return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
				b.getBytes(StandardCharsets.US_ASCII));
	}

	private static MessageDigest sha256() {
		try {
			return MessageDigest.getInstance("SHA-256");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-256 is required by every Java platform", ex);
		}
	}

	private record Digest(String hex, long count) {
	}
}
