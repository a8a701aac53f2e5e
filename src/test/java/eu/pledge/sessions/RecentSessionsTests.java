package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.springframework.transaction.support.TransactionOperations;

/**
 * A node reuses a session it read for {@code pledge.sessions.recheck-after}: each request gets its own copy, a change
 * made here is seen at once, one made elsewhere within that time, and every write starts from the stored session.
 */
class RecentSessionsTests {

	private static final Duration RECHECK = Duration.ofMillis(300);

	/** The stored sessions, as another node would change them, counting the reads; expired ones not found (as JDBC). */
	private final AtomicInteger reads = new AtomicInteger();
	private final CoarseLastAccessSessionsTests.Store store = new CoarseLastAccessSessionsTests.Store() {
		@Override
		public MapSession findById(String id) {
			reads.incrementAndGet();
			MapSession found = super.findById(id);
			return found == null || found.isExpired() ? null : found;
		}
	};
	private final CoarseLastAccessSessions sessions = new CoarseLastAccessSessions(store, Duration.ofMinutes(30),
			TransactionOperations.withoutTransaction(), new RecentSessions(new SessionsProperties(Duration.ofMinutes(30),
					Duration.ofHours(12), Duration.ofMinutes(5), RECHECK)),
			new SessionAttributeCodec(RecentSessionsTests.class.getClassLoader()));

	private String stored(Object value) {
		MapSession session = new MapSession();
		session.setLastAccessedTime(Instant.now());
		session.setAttribute("list", value);
		store.sessions.put(session.getId(), session);
		return session.getId();
	}

	@Test
	void aSecondReadWithinRecheckAfterIsServedFromMemoryAsAFreshCopy() {
		String id = stored(new ArrayList<>(List.of("a")));
		CoarseLastAccessSessions.Tracked first = sessions.findById(id);
		List<String> mine = first.getAttribute("list");
		mine.add("changed in place by one request"); // never seen by another request

		CoarseLastAccessSessions.Tracked second = sessions.findById(id);
		assertThat(reads).as("one read of the store").hasValue(1);
		assertThat(second.<List<String>>getAttribute("list")).containsExactly("a");
		assertThat(second.<Object>getAttribute("list")).isNotSameAs(first.getAttribute("list"));
	}

	@Test
	void aSessionEndedOnThisNodeIsGoneAtOnce() {
		String id = stored("a");
		assertThat(sessions.findById(id)).isNotNull();
		sessions.deleteById(id);
		assertThat(sessions.findById(id)).isNull();
	}

	@Test
	void aSessionEndedOnAnotherNodeIsGoneWithinRecheckAfter() {
		String id = stored("a");
		assertThat(sessions.findById(id)).isNotNull();
		store.sessions.remove(id); // another node
		long began = System.nanoTime();
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> sessions.findById(id) == null);
		assertThat(Duration.ofNanos(System.nanoTime() - began)).isLessThan(RECHECK.plusMillis(100));
	}

	@Test
	void aChangeToACopyIsWrittenOnTopOfTheStoredSession() {
		String id = stored("a");
		sessions.findById(id); // read, kept
		store.sessions.get(id).setAttribute("other", "set by another node");

		CoarseLastAccessSessions.Tracked copy = sessions.findById(id);
		assertThat(copy.<String>getAttribute("other")).as("from memory").isNull();
		copy.setAttribute("mine", "set here");
		sessions.save(copy);

		assertThat(store.sessions.get(id).<String>getAttribute("other")).isEqualTo("set by another node");
		assertThat(store.sessions.get(id).<String>getAttribute("mine")).isEqualTo("set here");
		assertThat(sessions.findById(id).<String>getAttribute("mine")).as("this node sees its change at once")
			.isEqualTo("set here");
	}

	@Test
	void aChangeToACopyOfASessionEndedElsewhereWritesNothing() {
		String id = stored("a");
		sessions.findById(id);
		store.sessions.remove(id); // another node

		CoarseLastAccessSessions.Tracked copy = sessions.findById(id);
		copy.setAttribute("mine", "set here");
		sessions.save(copy);

		assertThat(store.sessions).doesNotContainKey(id);
	}

	@Test
	void aCopyExpiredSinceItWasReadIsNotServed() {
		MapSession session = new MapSession();
		session.setMaxInactiveInterval(Duration.ofMillis(200));
		session.setLastAccessedTime(Instant.now());
		store.sessions.put(session.getId(), session);
		String id = session.getId();
		assertThat(sessions.findById(id)).isNotNull();
		await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(10)).until(() -> sessions.findById(id) == null);
	}
}
