package eu.pledge.testing;

import java.util.function.Supplier;

import org.springframework.transaction.CannotCreateTransactionException;

/**
 * Forty test threads share a test context's pool of four connections, whose hand-off is not first come, first
 * served (a thread that asks at the right moment takes a connection before one that has been waiting): on a loaded
 * machine one of forty threads looping over one locked row waited longer than the pool's 3 s in CI. Where a test
 * proves a row lock or a race between statements, not the pool, a transaction that got no connection in time is
 * tried again (five tries in all).
 */
public final class PoolWait {

	private static final int TRIES = 5;

	private PoolWait() {
	}

	public static <T> T retrying(Supplier<T> transaction) {
		for (int attempt = 1;; attempt++) {
			try {
				return transaction.get();
			}
			catch (CannotCreateTransactionException noConnectionInTime) {
				if (attempt == TRIES) {
					throw noConnectionInTime;
				}
			}
		}
	}
}
