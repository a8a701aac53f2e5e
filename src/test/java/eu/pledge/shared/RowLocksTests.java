package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import eu.pledge.shared.RowLocks.First;

/** The order of the two steps, and what happens when another transaction keeps making and deleting the row. */
class RowLocksTests {

	private final List<String> steps = new ArrayList<>();

	private Optional<String> lockFinding(String row) {
		steps.add("lock");
		return Optional.ofNullable(row);
	}

	private int insertMaking(int rows) {
		steps.add("insert");
		return rows;
	}

	@Test
	void aRowThatIsThereIsLockedWithOneStatementWhenLockingComesFirst() {
		assertThat(RowLocks.lockOrInsert(First.LOCK, () -> lockFinding("row"), () -> insertMaking(0), () -> "made", 3,
				() -> "lost")).isEqualTo("row");
		assertThat(steps).containsExactly("lock");
	}

	@Test
	void aNewRowIsMadeWithOneStatementWhenInsertingComesFirst() {
		assertThat(RowLocks.lockOrInsert(First.INSERT, () -> lockFinding(null), () -> insertMaking(1), () -> "made", 3,
				() -> "lost")).isEqualTo("made");
		assertThat(steps).containsExactly("insert");
	}

	@Test
	void aRowDeletedBetweenTheInsertAndTheLockIsMadeAgain() {
		List<Integer> inserts = new ArrayList<>(List.of(0, 1)); // found by the first insert, gone at the lock
		assertThat(RowLocks.lockOrInsert(First.INSERT, () -> lockFinding(null), () -> insertMaking(inserts.remove(0)),
				() -> "made", 3, () -> "lost")).isEqualTo("made");
		assertThat(steps).containsExactly("insert", "lock", "insert");
	}

	@Test
	void aRaceLostEveryRoundIsTheCallersToAnswer() {
		assertThat(RowLocks.lockOrInsert(First.LOCK, () -> lockFinding(null), () -> insertMaking(0), () -> "made", 3,
				() -> "lost")).isEqualTo("lost");
		assertThat(steps).containsExactly("lock", "insert", "lock", "insert", "lock", "insert");
		assertThatThrownBy(() -> RowLocks.lockOrInsert(First.INSERT, () -> Optional.empty(), () -> 0, () -> "made", 2,
				() -> {
					throw new IllegalStateException("lost");
				})).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void withoutABoundTwentyLostRoundsAreAnErrorNamingTheTableButNoKey() {
		assertThatThrownBy(() -> RowLocks.lockOrInsert(First.INSERT, () -> lockFinding(null), () -> insertMaking(0),
				() -> "made", "some_table")).isInstanceOf(IllegalStateException.class)
				.hasMessage("A row in some_table kept disappearing while it was being taken");
		assertThat(steps).hasSize(2 * RowLocks.ROUNDS);
	}

	@Test
	void anUpdateThatFindsTheRowHoldsIt() {
		List<Integer> updates = new ArrayList<>(List.of(0, 1)); // gone at the first update, back before the second
		RowLocks.updateOrInsert(First.LOCK, () -> {
			steps.add("update");
			return updates.remove(0);
		}, () -> insertMaking(0), "some_table");
		assertThat(steps).containsExactly("update", "insert", "update");
	}
}
