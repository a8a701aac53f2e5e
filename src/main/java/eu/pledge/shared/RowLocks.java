package eu.pledge.shared;

import java.util.Optional;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

/**
 * Taking hold of a row that may not exist yet, or that another transaction may delete at this very moment (a purge
 * of expired rows, an erasure, an attempt that finished), for the rest of the current transaction. Neither step
 * alone is enough: a lock ({@code SELECT … FOR UPDATE}) finds nothing where no row is, and an insert
 * ({@code INSERT … ON CONFLICT DO NOTHING}, which waits for another transaction's insert of the same key to commit)
 * does nothing where one is. Alternating the two, one of them succeeds unless another transaction both made and
 * deleted the row between them, which is a race this one lost, not an error: after a number of such rounds the
 * caller decides what losing means. A row this transaction inserted is its own until it commits: no other can
 * lock or delete it.
 */
public final class RowLocks {

	/** Which step comes first: the one that succeeds more often saves a statement. */
	public enum First {
		/** The row usually exists (a counter in use). */
		LOCK,
		/** The row is usually new (a key met for the first time). */
		INSERT
	}

	/** Rounds of both steps a caller that gives no bound loses before the row is given up as an error. */
	public static final int ROUNDS = 20;

	private RowLocks() {
	}

	/**
	 * As {@link #lockOrInsert(First, Supplier, IntSupplier, Supplier, int, Supplier)}, giving up after
	 * {@link #ROUNDS} lost rounds with an {@link IllegalStateException} that names {@code table} (never a key).
	 */
	public static <T> T lockOrInsert(First first, Supplier<Optional<T>> lock, IntSupplier insert, Supplier<T> made,
			String table) {
		return lockOrInsert(first, lock, insert, made, ROUNDS, () -> {
			throw new IllegalStateException("A row in " + table + " kept disappearing while it was being taken");
		});
	}

	/**
	 * Makes sure this transaction holds the row: {@code update} (returning the rows it changed, which also locks
	 * them) where it exists, else {@code insert}, alternating as for {@link #lockOrInsert(First, Supplier,
	 * IntSupplier, Supplier, String)}.
	 */
	public static void updateOrInsert(First first, IntSupplier update, IntSupplier insert, String table) {
		lockOrInsert(first, () -> update.getAsInt() > 0 ? Optional.of(Boolean.TRUE) : Optional.empty(), insert,
				() -> Boolean.TRUE, table);
	}

	/**
	 * The row {@code lock} read and locked; or {@code made}'s value when {@code insert} (returning the rows it
	 * inserted) made it; or, after {@code rounds} of both steps failing, {@code lost}'s value (which may throw).
	 */
	public static <T> T lockOrInsert(First first, Supplier<Optional<T>> lock, IntSupplier insert, Supplier<T> made,
			int rounds, Supplier<T> lost) {
		boolean inserting = first == First.INSERT;
		for (int step = 0; step < 2 * rounds; step++, inserting = !inserting) {
			if (inserting) {
				if (insert.getAsInt() > 0) {
					return made.get();
				}
			}
			else {
				Optional<T> row = lock.get();
				if (row.isPresent()) {
					return row.get();
				}
			}
		}
		return lost.get();
	}
}
