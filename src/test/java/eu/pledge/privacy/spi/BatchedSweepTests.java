package eu.pledge.privacy.spi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.AbstractPlatformTransactionManager;
import org.springframework.transaction.support.DefaultTransactionStatus;

class BatchedSweepTests {

	/** Counts commits: each batch must commit on its own. */
	static final class CountingTransactions extends AbstractPlatformTransactionManager {
		int commits;

		@Override
		protected Object doGetTransaction() {
			return new Object();
		}

		@Override
		protected void doBegin(Object transaction, TransactionDefinition definition) {
		}

		@Override
		protected void doCommit(DefaultTransactionStatus status) {
			commits++;
		}

		@Override
		protected void doRollback(DefaultTransactionStatus status) {
		}
	}

	@Test
	void runsBatchesInTransactionsOfTheirOwnUntilOneFindsFewerRowsThanItMayTake() {
		CountingTransactions transactions = new CountingTransactions();
		Deque<Integer> rows = new ArrayDeque<>(List.of(100, 100, 100, 42, 100));
		List<Integer> sizes = new ArrayList<>();
		long deleted = new BatchedSweep(transactions).run(100, size -> {
			sizes.add(size);
			return BatchedSweep.Batch.of(rows.pop());
		});
		assertThat(deleted).isEqualTo(342);
		assertThat(sizes).containsExactly(100, 100, 100, 100);
		assertThat(transactions.commits).isEqualTo(4);
	}

	@Test
	void theRowsFoundDecideWhetherAnotherBatchFollowsNotTheRowsDeleted() {
		CountingTransactions transactions = new CountingTransactions();
		Deque<BatchedSweep.Batch> batches = new ArrayDeque<>(
				List.of(new BatchedSweep.Batch(10, 0), new BatchedSweep.Batch(10, 3), new BatchedSweep.Batch(2, 2)));
		assertThat(new BatchedSweep(transactions).run(10, size -> batches.pop())).isEqualTo(5);
		assertThat(batches).isEmpty();
	}

	@Test
	void aBatchTakesAtLeastOneRow() {
		assertThatIllegalArgumentException()
				.isThrownBy(() -> new BatchedSweep(new CountingTransactions()).run(0, size -> BatchedSweep.Batch.of(0)));
	}
}
