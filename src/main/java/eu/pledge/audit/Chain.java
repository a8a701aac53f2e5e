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
 * a digest. (Form 1, over the ids themselves, never left development; a period in it fails verification.)
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

	/** Whether the period's events, as they are now, give its stored count, digest and signature. */
	boolean intact(AuditPeriods.ClosedPeriod period) {
		if (period.form() != SEALED_PSEUDONYMS) {
			return false;
		}
		Digest digest = digest(period.period(), period.previousDigest(), subjects.inDetail(period.period()));
		return digest.count() == period.eventCount() && same(digest.hex(), period.digest())
				&& same(sign(digest.hex()), period.signature());
	}

	/** The form-2 digest of {@code period}, after giving every id it names a pseudonym; under the lock. */
	private Digest seal(LocalDate period, String previousDigest) {
		return digest(period, previousDigest, subjects.sealFor(period));
	}

	/** The form-2 digest of {@code period}, given the pseudonyms of the ids in its details. */
	private Digest digest(LocalDate period, String previousDigest, Map<String, UUID> detailPseudonyms) {
		MessageDigest sha256 = sha256();
		sha256.update(("pledge-audit-v" + SEALED_PSEUDONYMS + "\n" + period + "\n" + previousDigest + "\n")
				.getBytes(StandardCharsets.UTF_8));
		long[] count = { 0 };
		events.forEachSealedIn(period, sealed -> {
			sha256.update(canonical(sealed, detailPseudonyms));
			count[0]++;
		});
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

	/** Whether a computed hex digest or signature equals a stored one ({@code b}, maybe null), in constant time. */
	static boolean same(String a, String b) {
		return b != null && MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII),
				b.getBytes(StandardCharsets.US_ASCII));
	}

	static MessageDigest sha256() {
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
