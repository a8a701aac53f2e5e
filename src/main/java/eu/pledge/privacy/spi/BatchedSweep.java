package eu.pledge.privacy.spi;

import java.util.Objects;

import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A retention rule's deletion in bounded batches, each committed in a transaction of its own, until a batch finds
 * fewer rows than it may take: a crash loses at most the batch in hand, and no transaction holds locks on a whole
 * table's worth of rows. The one loop every rule that deletes in batches uses.
 */
public final class BatchedSweep {

	/** What one batch did: the rows it found (which decide whether another follows) and what it deleted. */
	public record Batch(int found, long deleted) {

		/** A batch that deleted every row it found. */
		public static Batch of(int deleted) {
			return new Batch(deleted, deleted);
		}
	}

	/** One batch of at most {@code size} rows, run inside its transaction. */
	@FunctionalInterface
	public interface Step {
		Batch run(int size);
	}

	private final TransactionTemplate transaction;

	public BatchedSweep(PlatformTransactionManager transactions) {
		this.transaction = new TransactionTemplate(Objects.requireNonNull(transactions, "transactions"));
	}

	/** Runs {@code step} batch after batch until one finds fewer than {@code size} rows; returns what they deleted. */
	public long run(int size, Step step) {
		if (size < 1) {
			throw new IllegalArgumentException("A batch takes at least one row, not " + size);
		}
		long deleted = 0;
		Batch batch;
		do {
			batch = Objects.requireNonNull(transaction.execute(status -> step.run(size)));
			deleted += batch.deleted();
		}
		while (batch.found() >= size);
		return deleted;
	}
}
