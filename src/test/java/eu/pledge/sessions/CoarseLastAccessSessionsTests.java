package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.MapSession;
import org.springframework.transaction.support.SimpleTransactionStatus;
import org.springframework.transaction.support.TransactionCallback;
import org.springframework.transaction.support.TransactionOperations;

/** Only a moved last-access time is written, and an idle session never outlives its timeout. */
class CoarseLastAccessSessionsTests {

	/** An in-memory stand-in for the JDBC repository that records what is saved. */
	static class Store implements FindByIndexNameSessionRepository<MapSession> {
		final Map<String, MapSession> sessions = new HashMap<>();
		final List<Instant> savedLastAccess = new CopyOnWriteArrayList<>();

		@Override
		public MapSession createSession() {
			return new MapSession();
		}

		@Override
		public void save(MapSession session) {
			savedLastAccess.add(session.getLastAccessedTime());
			sessions.put(session.getId(), new MapSession(session));
		}

		@Override
		public MapSession findById(String id) {
			MapSession stored = sessions.get(id);
			return stored == null ? null : new MapSession(stored);
		}

		@Override
		public void deleteById(String id) {
			sessions.remove(id);
		}

		@Override
		public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
			return Map.of();
		}
	}

	/** Counts the transactions and notes what the store did inside one. */
	static final class Transactions implements TransactionOperations {
		int count;
		boolean open;

		@Override
		public <T> T execute(TransactionCallback<T> action) {
			count++;
			open = true;
			try {
				return action.doInTransaction(new SimpleTransactionStatus());
			}
			finally {
				open = false;
			}
		}
	}

	private final Transactions transactions = new Transactions();
	private final Store store = new Store() {
		@Override
		public void save(MapSession session) {
			assertThat(transactions.open).as("a write runs in a transaction").isTrue();
			super.save(session);
		}

		@Override
		public void deleteById(String id) {
			assertThat(transactions.open).as("a write runs in a transaction").isTrue();
			super.deleteById(id);
		}
	};
	private final CoarseLastAccessSessions sessions = new CoarseLastAccessSessions(store, Duration.ofMinutes(30),
			transactions, new RecentSessions(new SessionsProperties(Duration.ofMinutes(30), Duration.ofHours(12),
					Duration.ofMinutes(5), Duration.ZERO)),
			new SessionAttributeCodec(CoarseLastAccessSessionsTests.class.getClassLoader()));

	private String storedSessionAt(Instant at) {
		CoarseLastAccessSessions.Tracked created = sessions.createSession();
		created.setLastAccessedTime(at);
		sessions.save(created);
		store.savedLastAccess.clear();
		return created.getId();
	}

	@Test
	void theResolutionIsASixtiethOfTheIdleTimeoutAndAtMostAMinute() {
		assertThat(CoarseLastAccessSessions.resolutionFor(Duration.ofMinutes(30))).isEqualTo(Duration.ofSeconds(30));
		assertThat(CoarseLastAccessSessions.resolutionFor(Duration.ofHours(8))).isEqualTo(Duration.ofMinutes(1));
	}

	@Test
	void aRequestSoonAfterTheLastOneWritesNothing() {
		Instant start = Instant.parse("2026-11-27T10:00:00Z");
		String id = storedSessionAt(start);
		CoarseLastAccessSessions.Tracked found = sessions.findById(id);
		found.setLastAccessedTime(start.plusSeconds(29));
		sessions.save(found);
		assertThat(store.savedLastAccess).isEmpty();
	}

	@Test
	void aRequestAfterTheResolutionWritesTheNewTime() {
		Instant start = Instant.parse("2026-11-27T10:00:00Z");
		String id = storedSessionAt(start);
		CoarseLastAccessSessions.Tracked found = sessions.findById(id);
		found.setLastAccessedTime(start.plusSeconds(30));
		sessions.save(found);
		assertThat(store.savedLastAccess).containsExactly(start.plusSeconds(30));
	}

	@Test
	void anyOtherChangeIsSavedWithTheCurrentTime() {
		Instant start = Instant.parse("2026-11-27T10:00:00Z");
		String id = storedSessionAt(start);
		CoarseLastAccessSessions.Tracked found = sessions.findById(id);
		found.setLastAccessedTime(start.plusSeconds(5));
		found.setAttribute("x", "y");
		sessions.save(found);
		assertThat(store.savedLastAccess).containsExactly(start.plusSeconds(5));
		assertThat(store.sessions.get(id).<String>getAttribute("x")).isEqualTo("y");
	}

	@Test
	void writesRunInATransactionTheReadOfEveryRequestInNone() {
		String id = storedSessionAt(Instant.parse("2026-11-27T10:00:00Z"));
		int afterCreation = transactions.count;

		CoarseLastAccessSessions.Tracked found = sessions.findById(id);
		sessions.save(found); // nothing changed: nothing written
		assertThat(transactions.count).isEqualTo(afterCreation);

		found.setAttribute("x", "y");
		sessions.save(found);
		sessions.deleteById(id);
		assertThat(transactions.count).isEqualTo(afterCreation + 2);
		assertThat(store.sessions).doesNotContainKey(id);
	}

	@Test
	void anIdleSessionEndsAtTheLatestWhenItsTimeoutSaysNeverLater() {
		Instant start = Instant.parse("2026-11-27T10:00:00Z");
		String id = storedSessionAt(start);
		store.sessions.get(id).setMaxInactiveInterval(Duration.ofMinutes(30));
		for (int second = 1; second < 30; second++) { // busy for half a minute, nothing written
			CoarseLastAccessSessions.Tracked found = sessions.findById(id);
			found.setLastAccessedTime(start.plusSeconds(second));
			sessions.save(found);
		}
		MapSession stored = store.findById(id);
		assertThat(stored.getLastAccessedTime()).isEqualTo(start);
		Instant expiry = stored.getLastAccessedTime().plus(stored.getMaxInactiveInterval());
		assertThat(expiry).as("ends up to 30 s early, never late").isBefore(start.plusSeconds(29).plus(Duration.ofMinutes(30)))
				.isAfter(start.plus(Duration.ofMinutes(29)));
	}
}
