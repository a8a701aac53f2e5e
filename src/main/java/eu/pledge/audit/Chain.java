package eu.pledge.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

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
 * <p>
 * What the digest covers of an id (actor, target, an id in detail) is its sealed pseudonym from
 * {@link AuditSubjects} (form 2), so an erasure can replace an id by its pseudonym in the rows without changing
 * a digest. Periods closed before that form (form 1) covered the ids themselves; they are verified and then
 * re-sealed in form 2 once ({@link #upgradeLegacy}).
 * <p>
 * The links cannot show the newest periods being deleted: the {@link ChainHead head}, signed and never deleted,
 * names the newest closed period, so a missing one is named by the verification ({@link ChainVerification}), and
 * maintenance records it as missing (form 0) instead of sealing it again.
 */
@Component
class Chain {

	private static final Logger log = LoggerFactory.getLogger(Chain.class);

	/** The previous digest of the very first period. */
	static final String GENESIS = "0".repeat(64);
	private static final String SIGNING_PURPOSE = "audit-periods";
	private static final HexFormat HEX = HexFormat.of();
	/** Periods whose digest covers the ids themselves. */
	static final int LEGACY_FORM = 1;
	/** Periods whose digest covers the sealed pseudonyms of the ids. */
	static final int SEALED_PSEUDONYMS = 2;
	/** A closed period whose row was deleted, recorded by maintenance: it never verifies. */
	static final int MISSING = 0;

	private final AuditEvents events;
	private final AuditPeriods periods;
	private final AuditSubjects subjects;
	private final ChainHead head;
	private final Checkpoints checkpoints;
	private final AuditProperties properties;
	private final Vault vault;
	private final Clock clock;
	private final TransactionTemplate transaction;

	/** Set when the form-1 periods failed verification: they stay as they are, evident (never re-signed). */
	private volatile boolean legacyBroken;

	Chain(AuditEvents events, AuditPeriods periods, AuditSubjects subjects, ChainHead head, Checkpoints checkpoints,
			AuditProperties properties, Vault vault, Clock clock, PlatformTransactionManager transactions) {
		this.events = events;
		this.periods = periods;
		this.subjects = subjects;
		this.head = head;
		this.checkpoints = checkpoints;
		this.properties = properties;
		this.vault = vault;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Closes, oldest first, every period with events that ended more than the close grace ago. Safe on many
	 * nodes: the period is the key, so a second node closing the same period fails and stops. Each period is
	 * closed under the lock erasures take, so an erasure never interleaves with the sealing of its ids, and moves
	 * the head with it. Nothing is closed while the head is missing or forged, and closing stops at a period whose
	 * checkpoints fail ({@link Checkpoints}): sealing it would launder the change.
	 */
	int closeEndedPeriods() {
		Instant now = clock.instant();
		LocalDate firstOpen = properties.firstOpenPeriod(now);
		Tail tail = transaction.execute(status -> {
			subjects.lock();
			return tail(now);
		});
		if (tail == null || !tail.closable()) {
			return 0;
		}
		int closed = 0;
		try {
			for (LocalDate next = events.nextPeriodWithEvents(tail.after(), firstOpen); next != null;
					next = events.nextPeriodWithEvents(next, firstOpen)) {
				LocalDate period = next;
				Boolean sealed = transaction.execute(status -> {
					subjects.lock();
					if (!checkpoints.intact(period)) {
						return false;
					}
					String previousDigest = periods.latest().map(AuditPeriods.ClosedPeriod::digest).orElse(GENESIS);
					Digest digest = seal(period, previousDigest);
					periods.insert(new AuditPeriods.ClosedPeriod(period, digest.count(), digest.hex(), previousDigest,
							sign(digest.hex()), now, SEALED_PSEUDONYMS));
					head.move(period, now);
					checkpoints.deleteOf(period);
					return true;
				});
				if (!Boolean.TRUE.equals(sealed)) {
					break;
				}
				closed++;
			}
		}
		catch (DuplicateKeyException ex) {
			log.debug("Another node closed the same audit period; continuing from its chain next time");
		}
		return closed;
	}

	/**
	 * Forgets the sealed pseudonyms of the ids that only periods before {@code before} named, under the lock
	 * closing takes (a period being sealed marks its ids as named by it first); returns how many.
	 */
	int forgetSubjectsNamedOnlyBefore(LocalDate before) {
		Integer forgotten = transaction.execute(status -> {
			subjects.lock();
			return subjects.forgetNamedOnlyBefore(before);
		});
		return forgotten == null ? 0 : forgotten;
	}

	/**
	 * Where closing goes on from, under the seal lock: after the newest closed period, or after the one the head
	 * names when that is gone — recorded as missing then, never sealed again (its events, if any are left, may be
	 * what someone changed). Not closable while the head is missing or forged. An unanchored head (the first run
	 * after the migration) adopts the newest closed period.
	 */
	private Tail tail(Instant now) {
		Optional<ChainHead.Head> found = head.read();
		if (found.isEmpty() || found.get().anchored() && !head.signed(found.get())) {
			log.warn("The audit chain head is missing or its signature does not match: no period is closed until it is "
					+ "restored (docs/AUDIT.md)");
			return new Tail(false, null);
		}
		ChainHead.Head current = found.get();
		Optional<AuditPeriods.ClosedPeriod> newest = periods.latest();
		Optional<LocalDate> newestPeriod = newest.map(AuditPeriods.ClosedPeriod::period);
		if (!current.anchored()) {
			newestPeriod.ifPresent(period -> head.move(period, now));
			return new Tail(true, newestPeriod.orElse(null));
		}
		Optional<LocalDate> missing = head.missing(current, newest, now);
		if (missing.isPresent()) {
			recordMissing(missing.get(), newest.map(AuditPeriods.ClosedPeriod::digest).orElse(GENESIS), now);
			log.warn("Audit period {} was closed but is gone from the chain: recorded as missing, not sealed again",
					missing.get());
		}
		return new Tail(true, newestPeriod.filter(period -> period.isAfter(current.period())).orElse(current.period()));
	}

	/**
	 * A row for a closed period that was deleted: form {@link #MISSING}, no events, a digest of its own that the
	 * next period links to. It fails every verification until retention deletes it with the periods around it.
	 */
	private void recordMissing(LocalDate period, String previousDigest, Instant now) {
		String digest = HEX.formatHex(sha256().digest(("pledge-audit-missing\n" + period + "\n" + previousDigest + "\n")
				.getBytes(StandardCharsets.UTF_8)));
		periods.insert(new AuditPeriods.ClosedPeriod(period, 0, digest, previousDigest, sign(digest), now, MISSING));
	}

	/**
	 * Re-seals in form 2, once, the periods sealed in form 1 (before sealed pseudonyms existed), in the caller's
	 * transaction or one of its own: only if every period from the oldest form-1 one on verifies, since a fresh
	 * signature must never launder earlier tampering. A broken chain is left as it is, evident, and not tried
	 * again by this node. Afterwards no erasure ever needs to re-seal.
	 *
	 * @return how many periods were re-sealed
	 */
	int upgradeLegacy() {
		if (legacyBroken) {
			return 0;
		}
		Integer resealed = transaction.execute(status -> {
			Optional<LocalDate> oldest = periods.oldestOfForm(LEGACY_FORM);
			if (oldest.isEmpty()) {
				return 0;
			}
			subjects.lock();
			if (!intactFrom(oldest.get())) {
				legacyBroken = true;
				log.warn("Audit chain fails verification from period {} on; its form-1 periods stay as they are",
						oldest.get());
				return 0;
			}
			return resealFrom(oldest.get());
		});
		return resealed == null ? 0 : resealed;
	}

	/** Whether the closed periods from {@code from} on are intact and linked, locked until the transaction ends. */
	private boolean intactFrom(LocalDate from) {
		String expectedPrevious = null;
		for (AuditPeriods.ClosedPeriod period : periods.lockFrom(from)) {
			if (expectedPrevious != null && !expectedPrevious.equals(period.previousDigest()) || !intact(period)) {
				return false;
			}
			expectedPrevious = period.digest();
		}
		return true;
	}

	/**
	 * Recomputes and re-signs in form 2 every closed period from {@code from} on: the first keeps its link to
	 * the period before it, each later one links to its predecessor's new digest.
	 */
	private int resealFrom(LocalDate from) {
		String previous = null;
		int resealed = 0;
		for (AuditPeriods.ClosedPeriod period : periods.lockFrom(from)) {
			String previousDigest = previous == null ? period.previousDigest() : previous;
			Digest digest = seal(period.period(), previousDigest);
			periods.reseal(period.period(), SEALED_PSEUDONYMS, digest.hex(), previousDigest, sign(digest.hex()));
			previous = digest.hex();
			resealed++;
		}
		return resealed;
	}

	/** Whether the period's events, as they are now, give its stored count, digest and signature. */
	boolean intact(AuditPeriods.ClosedPeriod period) {
		if (period.form() == MISSING) {
			return false;
		}
		Digest digest = digest(period.form(), period.period(), period.previousDigest(),
				period.form() == LEGACY_FORM ? Map.of() : subjects.inDetail(period.period()));
		return digest.count() == period.eventCount() && same(digest.hex(), period.digest())
				&& same(sign(digest.hex()), period.signature());
	}

	/** The form-2 digest of {@code period}, after giving every id it names a pseudonym; under the lock. */
	private Digest seal(LocalDate period, String previousDigest) {
		return digest(SEALED_PSEUDONYMS, period, previousDigest, subjects.sealFor(period));
	}

	/** The digest of {@code period} in {@code form}; form 2 needs the pseudonyms of the ids in its details. */
	private Digest digest(int form, LocalDate period, String previousDigest, Map<String, UUID> detailPseudonyms) {
		MessageDigest sha256 = sha256();
		sha256.update(("pledge-audit-v" + form + "\n" + period + "\n" + previousDigest + "\n")
				.getBytes(StandardCharsets.UTF_8));
		long[] count = { 0 };
		if (form == LEGACY_FORM) {
			events.forEachIn(period, event -> {
				sha256.update(canonical(event));
				count[0]++;
			});
		}
		else {
			events.forEachSealedIn(period, sealed -> {
				sha256.update(canonical(sealed, detailPseudonyms));
				count[0]++;
			});
		}
		return new Digest(HEX.formatHex(sha256.digest()), count[0]);
	}

	/** One event in form 2: as {@link #canonical(AuditEvents.StoredEvent)}, with each id replaced by its pseudonym. */
	static byte[] canonical(AuditEvents.SealedEvent sealed, Map<String, UUID> detailPseudonyms) {
		AuditEvents.StoredEvent event = sealed.event();
		return canonical(new AuditEvents.StoredEvent(event.id(), event.period(), event.occurredAt(),
				sealed.actorPseudonym() == null ? event.actor() : sealed.actorPseudonym(), event.action(),
				event.targetType(),
				sealed.targetPseudonym() == null ? event.targetId() : sealed.targetPseudonym().toString(),
				event.outcome(), event.requestId(), AuditSubjects.sealedDetail(event.detail(), detailPseudonyms)));
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

	/** Where closing goes on from ({@code after}, null: from the oldest period with events), if it may. */
	private record Tail(boolean closable, LocalDate after) {
	}
}
