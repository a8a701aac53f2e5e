package eu.pledge.audit;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.Vault;

/**
 * Tamper evidence for the periods still open. A closed period is sealed as a whole ({@link Chain}); until then,
 * every {@code pledge.audit.checkpoint-interval} the events of each open period that are older than
 * {@code pledge.audit.checkpoint-grace} and not yet covered get a checkpoint: the SHA-256 of a header (period,
 * seq, time range, count) and of each event's SHA-256 over its columns as stored ({@link EventBytes}), signed
 * with a key only the master key yields. The checkpoints of a period are contiguous (each starts where the one before ended), so an
 * event covered by one cannot be changed, removed or slipped in without its checkpoint failing; the
 * {@link ChainHead checkpoint head} names the newest, so the newest cannot go unnoticed either. Each checkpoint
 * also keeps its events' ids and the first bytes of their hashes, which name the event that no longer matches.
 * <p>
 * What a checkpoint covers is the row as stored, ids included (not their sealed pseudonyms: giving every id a
 * pseudonym each minute would cost what closing costs once a day). An erasure rewrites the person's rows, so it
 * verifies the checkpoints that cover them first and signs them again afterwards, under the seal lock
 * ({@link #coveringIntact}, {@link #reseal}); a checkpoint that did not verify stays as it is, evident. Closing
 * a period verifies its checkpoints and deletes them in the closing transaction; a period whose checkpoints fail
 * is not closed (sealing it would launder the change).
 */
@Component
class Checkpoints {

	private static final Logger log = LoggerFactory.getLogger(Checkpoints.class);

	private static final String SIGNING_PURPOSE = "audit-checkpoints";
	private static final HexFormat HEX = HexFormat.of();
	/** Bytes of each event's SHA-256 kept to name the event that changed; the signed digest covers all 32. */
	private static final int NAMING_BYTES = 4;
	private static final Duration MICROSECOND = Duration.ofNanos(1_000);
	/** Checkpoints one run writes per period at most, when a backlog is split. */
	static final int MAX_PER_RUN = 50;

	private static final String HEADER_COLUMNS = """
			SELECT period, seq, after_time, through_time, event_count, digest, signature, created_at
			FROM audit_checkpoints""";
	private static final String OF_PERIOD = HEADER_COLUMNS + " WHERE period = :period ORDER BY seq";
	private static final String LATEST = HEADER_COLUMNS + " WHERE period = :period ORDER BY seq DESC LIMIT 1";
	private static final String PERIODS = "SELECT DISTINCT period FROM audit_checkpoints ORDER BY period";
	private static final String NAMING = """
			SELECT event_ids, event_hashes FROM audit_checkpoints WHERE period = :period AND seq = :seq""";
	private static final String INSERT = """
			INSERT INTO audit_checkpoints (period, seq, after_time, through_time, event_count, event_ids, event_hashes,
			  digest, signature, created_at)
			VALUES (:period, :seq, :after, :through, :count, :ids, :hashes, :digest, :signature, :createdAt)""";
	private static final String RESEAL = """
			UPDATE audit_checkpoints SET event_hashes = :hashes, digest = :digest, signature = :signature
			WHERE period = :period AND seq = :seq""";
	private static final String DELETE_OF = "DELETE FROM audit_checkpoints WHERE period = :period";
	private static final String DELETE_BEFORE = "DELETE FROM audit_checkpoints WHERE period < :before";
	private static final String CLOSED = "SELECT COUNT(*) FROM audit_periods WHERE period = :period";

	private final JdbcClient jdbc;
	private final AuditEvents events;
	private final AuditSubjects subjects;
	private final ChainHead head;
	private final AuditProperties properties;
	private final Vault vault;
	private final Clock clock;
	private final TransactionTemplate transaction;
	/** Events per checkpoint before a backlog is split: bounds a checkpoint's memory and row (4 bytes an event). */
	int maxEvents = 100_000;

	Checkpoints(JdbcClient jdbc, AuditEvents events, AuditSubjects subjects, ChainHead head,
			AuditProperties properties, Vault vault, Clock clock, PlatformTransactionManager transactions) {
		this.jdbc = jdbc;
		this.events = events;
		this.subjects = subjects;
		this.head = head;
		this.properties = properties;
		this.vault = vault;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/**
	 * Checkpoints, under the seal lock, the uncovered events older than the grace of every period not closed yet
	 * (today's, and yesterday's until it is closed). Safe on many nodes: the lock makes them take turns, and a
	 * period whose newest checkpoint is younger than half the interval is left to the node that wrote it.
	 *
	 * @return how many checkpoints were written
	 */
	int checkpoint() {
		Instant now = clock.instant();
		Integer written = transaction.execute(status -> {
			subjects.lock();
			Instant cutoff = now.minus(properties.checkpointGrace()).truncatedTo(ChronoUnit.MICROS);
			LocalDate current = properties.periodOf(now);
			int count = 0;
			for (LocalDate period = properties.firstOpenPeriod(now); !period.isAfter(current);
					period = properties.periodAfter(period)) {
				if (!closed(period)) {
					count += checkpoint(period, cutoff, now);
				}
			}
			return count;
		});
		return written == null ? 0 : written;
	}

	/**
	 * Writes the checkpoints of {@code period} up to {@code cutoff}: one, or, when more than {@link #maxEvents}
	 * events wait (the first run after an upgrade, or after the nodes were down), several of at most about that
	 * many each, at most {@link #MAX_PER_RUN} in a run; the next run goes on. Returns how many it wrote.
	 */
	private int checkpoint(LocalDate period, Instant cutoff, Instant now) {
		Optional<Header> latest = latest(period);
		if (latest.isPresent()
				&& latest.get().createdAt().isAfter(now.minus(properties.checkpointInterval().dividedBy(2)))) {
			return 0;
		}
		Instant end = properties.startOf(properties.periodAfter(period)).minus(MICROSECOND);
		Instant limit = cutoff.isBefore(end) ? cutoff : end;
		Instant after = latest.map(Header::throughTime).orElseGet(() -> start(period));
		int seq = latest.map(header -> header.seq() + 1).orElse(1);
		int written = 0;
		while (written < MAX_PER_RUN && limit.isAfter(after)) {
			Instant from = after;
			// Past maxEvents the checkpoint ends just before the next event's microsecond (or with it, when more
			// than maxEvents share one).
			Instant through = events.timeAfter(period, after, limit, maxEvents)
					.map(next -> next.minus(MICROSECOND).isAfter(from) ? next.minus(MICROSECOND) : next).orElse(limit);
			Computed computed = compute(period, seq, after, through);
			if (computed.ids().isEmpty()) {
				break;
			}
			jdbc.sql(INSERT).param("period", period).param("seq", seq).param("after", AuditEvents.utc(after))
					.param("through", AuditEvents.utc(through)).param("count", computed.ids().size())
					.param("ids", ranges(computed.ids())).param("hashes", computed.naming())
					.param("digest", computed.digest()).param("signature", sign(computed.digest()))
					.param("createdAt", AuditEvents.utc(now)).update();
			written++;
			after = through;
			seq++;
		}
		if (written > 0) {
			head.moveCheckpoint(period, seq - 1, now);
		}
		return written;
	}

	/**
	 * Every checkpoint left (those of the periods not closed yet), period by period and in order, and the newest
	 * against the head: the first failure, oldest first, or how many checkpoints passed and how far they reach.
	 */
	Outcome verify() {
		int checked = 0;
		Instant through = null;
		for (LocalDate period : jdbc.sql(PERIODS).query(LocalDate.class).list()) {
			Outcome outcome = verify(period);
			checked += outcome.checked();
			if (outcome.failure() != null) {
				return new Outcome(checked, through, outcome.failure());
			}
			through = outcome.through() != null && (through == null || outcome.through().isAfter(through))
					? outcome.through() : through;
		}
		Optional<ChainHead.CheckpointHead> found = head.readCheckpoint();
		if (found.isEmpty() || found.get().anchored() && !head.signed(found.get())) {
			return new Outcome(checked, through, new Failure(null, null, null, "The checkpoints' head is missing or its "
					+ "signature does not match: it was deleted or changed, so the newest checkpoints may be gone unnoticed."));
		}
		ChainHead.CheckpointHead newest = found.get();
		if (newest.anchored() && !closed(newest.period())
				&& latest(newest.period()).map(Header::seq).orElse(0) < newest.seq()) {
			return new Outcome(checked, through, new Failure(newest.period(), newest.seq(), null, "Checkpoint "
					+ newest.seq() + " of period " + newest.period() + " (the newest, as the head names it) is gone: "
					+ "the events it covered may have been deleted with it."));
		}
		return new Outcome(checked, through, null);
	}

	/** The checkpoints of one period: contiguous from its start, each signed and matching its events. */
	Outcome verify(LocalDate period) {
		int checked = 0;
		Instant expectedAfter = start(period);
		int expectedSeq = 1;
		for (Header header : headers(period)) {
			checked++;
			if (header.seq() != expectedSeq) {
				return new Outcome(checked, expectedAfter, new Failure(period, expectedSeq, null, "Checkpoint "
						+ expectedSeq + " of period " + period + " is gone: the events it covered may have been changed "
						+ "or deleted with it."));
			}
			Failure failure = check(header);
			if (failure == null && !header.afterTime().equals(expectedAfter)) {
				failure = new Failure(period, header.seq(), null, "Checkpoint " + header.seq() + " of period " + period
						+ " does not start where the one before it ended.");
			}
			if (failure != null) {
				return new Outcome(checked, expectedAfter, failure);
			}
			expectedAfter = header.throughTime();
			expectedSeq++;
		}
		return new Outcome(checked, checked == 0 ? null : expectedAfter, null);
	}

	/** Before closing {@code period}: whether its checkpoints verify (a failure is logged, and the period left open). */
	boolean intact(LocalDate period) {
		Failure failure = verify(period).failure();
		if (failure != null) {
			log.warn("Audit period {} is not closed: its checkpoint {} fails verification (event {})", period,
					failure.checkpoint(), failure.eventId());
		}
		return failure == null;
	}

	/** In the transaction that closes {@code period}: its digest covers what its checkpoints did. */
	void deleteOf(LocalDate period) {
		jdbc.sql(DELETE_OF).param("period", period).update();
	}

	/** With the periods retention deletes. */
	int deleteBefore(LocalDate before) {
		return jdbc.sql(DELETE_BEFORE).param("before", before).update();
	}

	/**
	 * Under the seal lock, before an erasure rewrites the rows about {@code account}: the checkpoints that cover
	 * any of them and still verify, to be signed again by {@link #reseal} once the rows are rewritten. Those that
	 * fail stay as they are.
	 */
	List<Header> coveringIntact(UUID account) {
		Map<LocalDate, List<Instant>> times = events.timesAbout(account).stream().collect(Collectors.groupingBy(
				AuditEvents.PeriodTime::period, TreeMap::new,
				Collectors.mapping(AuditEvents.PeriodTime::occurredAt, Collectors.toList())));
		List<Header> covering = new ArrayList<>();
		times.forEach((period, instants) -> {
			for (Header header : headers(period)) {
				boolean covers = instants.stream()
						.anyMatch(t -> t.isAfter(header.afterTime()) && !t.isAfter(header.throughTime()));
				if (!covers) {
					continue;
				}
				Failure failure = check(header);
				if (failure == null) {
					covering.add(header);
				}
				else {
					log.warn("Audit checkpoint {} of period {} fails verification; the erasure leaves it as it is",
							header.seq(), period);
				}
			}
		});
		return covering;
	}

	/** Signs again the checkpoints {@link #coveringIntact} returned, over the rows as the erasure left them. */
	void reseal(List<Header> headers) {
		for (Header header : headers) {
			Computed computed = compute(header.period(), header.seq(), header.afterTime(), header.throughTime());
			jdbc.sql(RESEAL).param("hashes", computed.naming()).param("digest", computed.digest())
					.param("signature", sign(computed.digest())).param("period", header.period())
					.param("seq", header.seq()).update();
		}
	}

	/** Why a checkpoint fails (its record changed, or one of its events: named), or null when it holds. */
	private Failure check(Header header) {
		LocalDate period = header.period();
		int seq = header.seq();
		if (!Chain.same(sign(header.digest()), header.signature())) {
			return new Failure(period, seq, null, "The record of checkpoint " + seq + " of period " + period
					+ " was changed: its signature does not match.");
		}
		Computed now = compute(period, seq, header.afterTime(), header.throughTime());
		if (Chain.same(now.digest(), header.digest())) {
			return null;
		}
		Naming stored = jdbc.sql(NAMING).param("period", period).param("seq", seq)
				.query((rs, row) -> new Naming(parseRanges(rs.getString("event_ids")),
						Base64.getDecoder().decode(rs.getString("event_hashes"))))
				.single();
		return named(period, seq, stored, new Naming(now.ids(), Base64.getDecoder().decode(now.naming())));
	}

	/** The first event that differs between what the checkpoint sealed and what the table holds now. */
	private static Failure named(LocalDate period, int seq, Naming sealed, Naming current) {
		String where = " of period " + period + " (checkpoint " + seq + ")";
		int i = 0;
		int j = 0;
		while (i < sealed.ids().size() || j < current.ids().size()) {
			Long was = i < sealed.ids().size() ? sealed.ids().get(i) : null;
			Long is = j < current.ids().size() ? current.ids().get(j) : null;
			if (is == null || was != null && was < is) {
				return new Failure(period, seq, was, "Event " + was + where
						+ " was deleted, or its time moved out of the checkpoint, after the checkpoint sealed it.");
			}
			if (was == null || is < was) {
				return new Failure(period, seq, is, "Event " + is + where
						+ " was added, or its time moved into the checkpoint, after the checkpoint sealed its time.");
			}
			if (!sealed.sameHash(i, current, j)) {
				return new Failure(period, seq, was, "Event " + was + where + " was changed after the checkpoint sealed it.");
			}
			i++;
			j++;
		}
		return new Failure(period, seq, null, "The events of checkpoint " + seq + " of period " + period
				+ " do not match what was sealed.");
	}

	private Computed compute(LocalDate period, int seq, Instant after, Instant through) {
		MessageDigest perEvent = Chain.sha256();
		MessageDigest all = Chain.sha256();
		EventBytes bytes = new EventBytes();
		List<long[]> named = new ArrayList<>();
		events.forEachBetween(period, after, through, event -> {
			byte[] hash = perEvent.digest(bytes.of(event));
			all.update(hash);
			named.add(new long[] { event.id(), ((hash[0] & 0xFFL) << 24) | ((hash[1] & 0xFFL) << 16)
					| ((hash[2] & 0xFFL) << 8) | (hash[3] & 0xFFL) });
		});
		MessageDigest digest = Chain.sha256();
		digest.update(("pledge-audit-checkpoint-v1\n" + period + "\n" + seq + "\n" + after + "\n" + through + "\n"
				+ named.size() + "\n").getBytes(StandardCharsets.UTF_8));
		digest.update(all.digest());
		// Naming goes by id: ids ascending, each with the first bytes of its hash.
		named.sort(java.util.Comparator.comparingLong(pair -> pair[0]));
		List<Long> ids = new ArrayList<>(named.size());
		ByteBuffer hashes = ByteBuffer.allocate(named.size() * NAMING_BYTES);
		for (long[] pair : named) {
			ids.add(pair[0]);
			hashes.putInt((int) pair[1]);
		}
		return new Computed(HEX.formatHex(digest.digest()), ids, Base64.getEncoder().encodeToString(hashes.array()));
	}

	/**
	 * An event's columns as bytes for its hash, without text formatting (it runs for every event once a minute):
	 * numbers and times as 8 bytes, a UUID as 16, each text length-prefixed (-1 for null), so no value can imitate
	 * another.
	 */
	static final class EventBytes {

		private ByteBuffer buffer = ByteBuffer.allocate(512);

		byte[] of(AuditEvents.StoredEvent event) {
			buffer.clear();
			putLong(event.id());
			putLong(event.period().toEpochDay());
			putLong(ChronoUnit.MICROS.between(Instant.EPOCH, event.occurredAt()));
			UUID actor = event.actor();
			if (actor == null) {
				putLong(-1);
			}
			else {
				putLong(16);
				putLong(actor.getMostSignificantBits());
				putLong(actor.getLeastSignificantBits());
			}
			for (String text : new String[] { event.action(), event.targetType(), event.targetId(), event.outcome(),
					event.requestId(), event.detail() }) {
				putText(text);
			}
			byte[] bytes = new byte[buffer.position()];
			buffer.flip().get(bytes);
			return bytes;
		}

		private void putLong(long value) {
			room(8);
			buffer.putLong(value);
		}

		private void putText(String text) {
			if (text == null) {
				putLong(-1);
				return;
			}
			byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
			putLong(utf8.length);
			room(utf8.length);
			buffer.put(utf8);
		}

		private void room(int bytes) {
			if (buffer.remaining() < bytes) {
				ByteBuffer larger = ByteBuffer.allocate(Math.max(buffer.capacity() * 2, buffer.position() + bytes));
				buffer.flip();
				larger.put(buffer);
				buffer = larger;
			}
		}
	}

	private Optional<Header> latest(LocalDate period) {
		return jdbc.sql(LATEST).param("period", period).query(Checkpoints::header).optional();
	}

	private List<Header> headers(LocalDate period) {
		return jdbc.sql(OF_PERIOD).param("period", period).query(Checkpoints::header).list();
	}

	private boolean closed(LocalDate period) {
		return jdbc.sql(CLOSED).param("period", period).query(Long.class).single() > 0;
	}

	/** A period's first checkpoint starts a microsecond before it, so an event at its very start is covered. */
	private Instant start(LocalDate period) {
		return properties.startOf(period).minus(MICROSECOND);
	}

	private String sign(String digestHex) {
		return HEX.formatHex(vault.sign(SIGNING_PURPOSE, HEX.parseHex(digestHex)));
	}

	/** Ascending ids as ranges: {@code 5-9,12,14-15}. */
	static String ranges(List<Long> ids) {
		StringBuilder text = new StringBuilder();
		int i = 0;
		while (i < ids.size()) {
			int j = i;
			while (j + 1 < ids.size() && ids.get(j + 1) == ids.get(j) + 1) {
				j++;
			}
			text.append(text.isEmpty() ? "" : ",").append(ids.get(i));
			if (j > i) {
				text.append('-').append(ids.get(j));
			}
			i = j + 1;
		}
		return text.toString();
	}

	static List<Long> parseRanges(String text) {
		List<Long> ids = new ArrayList<>();
		if (text == null || text.isEmpty()) {
			return ids;
		}
		for (String range : text.split(",")) {
			int dash = range.indexOf('-');
			long from = Long.parseLong(dash < 0 ? range : range.substring(0, dash));
			long to = dash < 0 ? from : Long.parseLong(range.substring(dash + 1));
			for (long id = from; id <= to; id++) {
				ids.add(id);
			}
		}
		return ids;
	}

	private static Header header(ResultSet rs, int row) throws SQLException {
		return new Header(rs.getObject("period", LocalDate.class), rs.getInt("seq"),
				rs.getObject("after_time", OffsetDateTime.class).toInstant(),
				rs.getObject("through_time", OffsetDateTime.class).toInstant(), rs.getLong("event_count"),
				rs.getString("digest"), rs.getString("signature"),
				rs.getObject("created_at", OffsetDateTime.class).toInstant());
	}

	/** A checkpoint without its naming columns (which can be large). */
	record Header(LocalDate period, int seq, Instant afterTime, Instant throughTime, long eventCount, String digest,
			String signature, Instant createdAt) {
	}

	/** What failed: the period and checkpoint, the event when it can be named, and a sentence. */
	record Failure(LocalDate period, Integer checkpoint, Long eventId, String reason) {
	}

	/**
	 * @param checked checkpoints checked (up to and including a failing one)
	 * @param through the end of the newest checkpoint that passed: events up to it are sealed
	 * @param failure the first failure, or null
	 */
	record Outcome(int checked, Instant through, Failure failure) {
	}

	private record Computed(String digest, List<Long> ids, String naming) {
	}

	private record Naming(List<Long> ids, byte[] hashes) {

		boolean sameHash(int i, Naming other, int j) {
			if ((i + 1) * NAMING_BYTES > hashes.length || (j + 1) * NAMING_BYTES > other.hashes.length) {
				return false;
			}
			for (int b = 0; b < NAMING_BYTES; b++) {
				if (hashes[i * NAMING_BYTES + b] != other.hashes[j * NAMING_BYTES + b]) {
					return false;
				}
			}
			return true;
		}
	}
}
