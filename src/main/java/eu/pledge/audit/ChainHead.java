package eu.pledge.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import eu.pledge.shared.Vault;

/**
 * The {@code audit_chain_head} table: one row naming the newest closed period, signed. The chain's links prove
 * that nothing was changed, added or removed between two closed periods, and the stored previous digest of the
 * oldest retained one anchors its start; the head anchors its end, outside the rows anyone deleting the newest
 * periods would delete. Closing moves it in the closing transaction; nothing deletes it, retention included (it
 * deletes the oldest periods, and once the head's own period is past retention, no closed period need remain).
 * <p>
 * The row exists from the migration on with no period ("not anchored"): the first maintenance run adopts the
 * newest closed period, trusting the chain as it is then. A missing row or a signature that does not match is
 * evident: the verification fails and no period is closed until the row is restored.
 * <p>
 * {@code audit_checkpoint_head} does the same for the checkpoints of the open periods ({@link Checkpoints}): one
 * row naming the newest checkpoint, signed, moved with each.
 */
@Repository
class ChainHead {

	private static final String SELECT = "SELECT period, signature FROM audit_chain_head WHERE id = 1";
	private static final String MOVE = """
			UPDATE audit_chain_head SET period = :period, signature = :signature, updated_at = :now WHERE id = 1""";
	private static final String SIGNING_PURPOSE = "audit-chain-head";
	// audit_checkpoint_head: the newest checkpoint of an open period (Checkpoints).
	private static final String SELECT_CHECKPOINT = """
			SELECT period, seq, signature FROM audit_checkpoint_head WHERE id = 1""";
	private static final String MOVE_CHECKPOINT = """
			UPDATE audit_checkpoint_head SET period = :period, seq = :seq, signature = :signature, updated_at = :now
			WHERE id = 1""";
	private static final String CHECKPOINT_SIGNING_PURPOSE = "audit-checkpoint-head";
	private static final HexFormat HEX = HexFormat.of();

	private final JdbcClient jdbc;
	private final Vault vault;
	private final AuditProperties properties;

	ChainHead(JdbcClient jdbc, Vault vault, AuditProperties properties) {
		this.jdbc = jdbc;
		this.vault = vault;
		this.properties = properties;
	}

	/** The head, or empty when its row is gone (never normal: nothing deletes it). */
	Optional<Head> read() {
		return jdbc.sql(SELECT).query((rs, row) -> new Head(rs.getObject("period", LocalDate.class),
				rs.getString("signature"))).optional();
	}

	/** Names {@code period} as the newest closed one; in the transaction that closed it. */
	void move(LocalDate period, Instant now) {
		int moved = jdbc.sql(MOVE).param("period", period).param("signature", sign(period))
				.param("now", AuditEvents.utc(now)).update();
		if (moved != 1) {
			throw new IllegalStateException("The audit chain head is missing; no period can be closed");
		}
	}

	/** Whether the head's signature is the one only the master key gives for its period. */
	boolean signed(Head head) {
		return head.signature() != null && MessageDigest.isEqual(sign(head.period()).getBytes(StandardCharsets.US_ASCII),
				head.signature().getBytes(StandardCharsets.US_ASCII));
	}

	/**
	 * The period the head names that the chain lacks, if any: the newest closed period is older than the head's
	 * (the periods after it were deleted), or there is none while the head's period is still within retention.
	 */
	Optional<LocalDate> missing(Head head, Optional<AuditPeriods.ClosedPeriod> newest, Instant now) {
		if (!head.anchored()) {
			return Optional.empty();
		}
		boolean gone = newest.map(closed -> closed.period().isBefore(head.period()))
				.orElseGet(() -> !head.period().isBefore(properties.firstRetainedPeriod(now)));
		return gone ? Optional.of(head.period()) : Optional.empty();
	}

	private String sign(LocalDate period) {
		return HEX.formatHex(vault.sign(SIGNING_PURPOSE, ("pledge-audit-head-v1\n" + period).getBytes(StandardCharsets.UTF_8)));
	}

	/** The newest checkpoint's head, or empty when its row is gone (never normal: nothing deletes it). */
	Optional<CheckpointHead> readCheckpoint() {
		return jdbc.sql(SELECT_CHECKPOINT).query((rs, row) -> new CheckpointHead(rs.getObject("period", LocalDate.class),
				(Integer) rs.getObject("seq"), rs.getString("signature"))).optional();
	}

	/** Names checkpoint {@code seq} of {@code period} as the newest; in the transaction that wrote it. */
	void moveCheckpoint(LocalDate period, int seq, Instant now) {
		int moved = jdbc.sql(MOVE_CHECKPOINT).param("period", period).param("seq", seq)
				.param("signature", signCheckpoint(period, seq)).param("now", AuditEvents.utc(now)).update();
		if (moved != 1) {
			throw new IllegalStateException("The audit checkpoint head is missing; no checkpoint can be written");
		}
	}

	/** Whether the checkpoint head's signature is the one only the master key gives for its period and seq. */
	boolean signed(CheckpointHead head) {
		return head.signature() != null && MessageDigest.isEqual(
				signCheckpoint(head.period(), head.seq()).getBytes(StandardCharsets.US_ASCII),
				head.signature().getBytes(StandardCharsets.US_ASCII));
	}

	private String signCheckpoint(LocalDate period, Integer seq) {
		return HEX.formatHex(vault.sign(CHECKPOINT_SIGNING_PURPOSE,
				("pledge-audit-checkpoint-head-v1\n" + period + "\n" + seq).getBytes(StandardCharsets.UTF_8)));
	}

	/** @param period the newest checkpoint's period, null until the first checkpoint is written */
	record CheckpointHead(LocalDate period, Integer seq, String signature) {

		boolean anchored() {
			return period != null && seq != null;
		}
	}

	/** @param period the newest closed period, null until the first maintenance run after the migration */
	record Head(LocalDate period, String signature) {

		boolean anchored() {
			return period != null;
		}
	}
}
