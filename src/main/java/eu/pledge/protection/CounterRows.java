package eu.pledge.protection;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import eu.pledge.protection.Admission.Verdict;

/**
 * How an attempt takes hold of a counter's row, which may not exist yet or may be deleted by another attempt
 * finishing at this moment: lock it if it is there, else insert it already holding the attempt. An insert that
 * conflicts waits for the other transaction's insert to commit, and a row this transaction inserted cannot be
 * deleted by anyone else before it commits; so the row slips away only when another attempt on the same
 * counter both makes and deletes it between this one's two statements. That is a race this attempt lost to
 * others that went ahead, not an error: after {@link #MAX_TRIES} such rounds the attempt is refused as
 * throttled, as the flood of attempts on one counter that causes it deserves.
 */
final class CounterRows {

	private static final Logger log = LoggerFactory.getLogger(CounterRows.class);

	/**
	 * Rounds lost in a row before refusing. Forty attempts without a password check on one address and account,
	 * over two nodes, lost up to nine (2026-12-07); real attempts, each waiting for its hash, lose almost none.
	 */
	static final int MAX_TRIES = 20;

	private CounterRows() {
	}

	/**
	 * Admits an attempt on a counter. {@code lock} reads and locks the row; {@code insertHolding} inserts it
	 * (unless it exists) already counting the attempt and returns the rows inserted, since a new counter admits
	 * its first attempt; {@code decide} admits or refuses on a locked row and counts the attempt.
	 */
	static <T> Admission admit(Supplier<Optional<T>> lock, IntSupplier insertHolding, Function<T, Admission> decide,
			Duration wait, String table) {
		for (int tries = 1; tries <= MAX_TRIES; tries++) {
			Optional<T> row = lock.get();
			if (row.isPresent()) {
				return decide.apply(row.get());
			}
			if (insertHolding.getAsInt() > 0) {
				return Admission.ALLOWED;
			}
		}
		log.warn("Refused a sign-in attempt as throttled: its row in {} changed hands {} times while it was taken",
				table, MAX_TRIES);
		return new Admission(Verdict.THROTTLED, wait);
	}
}
