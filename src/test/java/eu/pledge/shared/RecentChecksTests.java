package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

/** What a node checked a moment ago: reused within its time, never after a change it did not see. */
class RecentChecksTests {

	private final AtomicInteger checks = new AtomicInteger();

	private String check() {
		return "answer " + checks.incrementAndGet();
	}

	@Test
	void anAnswerIsReusedWithinItsTimeAndCheckedAgainAfter() throws Exception {
		RecentChecks<String, String> recent = new RecentChecks<>(Duration.ofMillis(300), new AtomicLong());
		assertThat(recent.get("k", this::check, answer -> true)).isEqualTo("answer 1");
		assertThat(recent.get("k", this::check, answer -> true)).isEqualTo("answer 1");
		assertThat(recent.get("other", this::check, answer -> true)).isEqualTo("answer 2");
		Thread.sleep(350);
		assertThat(recent.get("k", this::check, answer -> true)).isEqualTo("answer 3");
	}

	@Test
	void zeroChecksEveryTimeAndARefusalIsNeverKept() {
		RecentChecks<String, String> never = new RecentChecks<>(Duration.ZERO, new AtomicLong());
		never.get("k", this::check, answer -> true);
		never.get("k", this::check, answer -> true);
		assertThat(checks).hasValue(2);
		RecentChecks<String, String> recent = new RecentChecks<>(Duration.ofSeconds(1), new AtomicLong());
		recent.get("k", this::check, answer -> false);
		recent.get("k", this::check, answer -> false);
		assertThat(checks).hasValue(4);
		assertThat(recent.get("missing", () -> null, answer -> true)).isNull();
		assertThat(recent.get("missing", this::check, answer -> true)).isEqualTo("answer 5");
	}

	@Test
	void aChangeElsewhereInTheSameGenerationMakesEveryCacheCheckAgain() {
		AtomicLong generation = new AtomicLong();
		RecentChecks<String, String> one = new RecentChecks<>(Duration.ofSeconds(1), generation);
		RecentChecks<String, String> two = new RecentChecks<>(Duration.ofSeconds(1), generation);
		one.get("k", this::check, answer -> true);
		two.get("k", this::check, answer -> true);
		one.forget();
		assertThat(one.get("k", this::check, answer -> true)).isEqualTo("answer 3");
		assertThat(two.get("k", this::check, answer -> true)).as("the other cache shares the generation")
				.isEqualTo("answer 4");
	}

	@Test
	void aLookupThatBeganBeforeAChangeIsNotKeptAfterIt() throws Exception {
		RecentChecks<String, String> recent = new RecentChecks<>(Duration.ofSeconds(1), new AtomicLong());
		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch changed = new CountDownLatch(1);
		Thread slow = new Thread(() -> recent.get("k", () -> {
			reading.countDown();
			try {
				changed.await(5, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "before the change";
		}, answer -> true));
		slow.start();
		assertThat(reading.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		recent.forget();
		changed.countDown();
		slow.join();
		assertThat(recent.get("k", () -> "after the change", answer -> true)).isEqualTo("after the change");
	}

	@Test
	void forgettingOneThingChecksOnlyTheAnswersAboutItAgainEvenOnesUnderWay() throws Exception {
		RecentChecks<String, String> recent = new RecentChecks<>(Duration.ofSeconds(1), new AtomicLong(),
				answer -> answer.substring(0, 1));
		recent.get("a-token", () -> "a1", answer -> true);
		recent.get("b-token", () -> "b1", answer -> true);
		recent.forget("a");
		assertThat(recent.get("a-token", () -> "a2", answer -> true)).isEqualTo("a2");
		assertThat(recent.get("b-token", () -> "b2", answer -> true)).as("not about a").isEqualTo("b1");

		CountDownLatch reading = new CountDownLatch(1);
		CountDownLatch changed = new CountDownLatch(1);
		Thread slow = new Thread(() -> recent.get("a-second-token", () -> {
			reading.countDown();
			try {
				changed.await(5, java.util.concurrent.TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			return "a-before";
		}, answer -> true));
		slow.start();
		assertThat(reading.await(5, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
		recent.forget("a");
		changed.countDown();
		slow.join();
		assertThat(recent.get("a-second-token", () -> "a-after", answer -> true)).isEqualTo("a-after");
	}

	@Test
	void itHoldsAtMostItsBound() {
		RecentChecks<Integer, String> recent = new RecentChecks<>(Duration.ofSeconds(1), new AtomicLong());
		for (int i = 0; i < RecentChecks.MAX_ENTRIES + 10; i++) {
			recent.get(i, this::check, answer -> true);
		}
		assertThat(recent.size()).isLessThanOrEqualTo(RecentChecks.MAX_ENTRIES);
	}
}
