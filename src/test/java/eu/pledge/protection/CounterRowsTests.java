package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import eu.pledge.protection.Admission.Verdict;

/** Taking hold of a counter's row that other attempts keep making and deleting. */
class CounterRowsTests {

	private static final Duration WAIT = Duration.ofSeconds(7);
	private static final Admission DECIDED = new Admission(Verdict.ADDRESS_BLOCKED, Duration.ofMinutes(1));

	@Test
	void aRowThatIsThereIsLockedAndDecidedOn() {
		assertThat(CounterRows.admit(() -> Optional.of("row"), () -> 1, row -> DECIDED, WAIT, "t")).isSameAs(DECIDED);
	}

	@Test
	void aRowThatIsNotThereIsMadeHoldingTheAttempt() {
		AtomicInteger inserts = new AtomicInteger();
		Admission admission = CounterRows.admit(Optional::empty, inserts::incrementAndGet, row -> DECIDED, WAIT, "t");
		assertThat(admission).isEqualTo(Admission.ALLOWED);
		assertThat(inserts).hasValue(1);
	}

	@Test
	void aRowAnotherMadeFirstIsLockedOnTheNextRound() {
		// Absent at the lock, present (another's insert committed) at the insert, then locked.
		Deque<Optional<String>> locks = new ArrayDeque<>(List.of(Optional.empty(), Optional.of("row")));
		assertThat(CounterRows.admit(locks::pop, () -> 0, row -> DECIDED, WAIT, "t")).isSameAs(DECIDED);
	}

	@Test
	void anAttemptThatKeepsLosingItsRowIsThrottledNotFailed() {
		AtomicInteger rounds = new AtomicInteger();
		Admission admission = CounterRows.admit(() -> {
			rounds.incrementAndGet();
			return Optional.empty();
		}, () -> 0, row -> DECIDED, WAIT, "t");
		assertThat(admission.verdict()).isEqualTo(Verdict.THROTTLED);
		assertThat(admission.retryAfter()).isEqualTo(WAIT);
		assertThat(rounds).hasValue(CounterRows.MAX_TRIES);
	}
}
