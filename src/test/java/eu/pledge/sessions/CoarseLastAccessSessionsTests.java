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

/** Only a moved last-access time is written, and an idle session never outlives its timeout. */
class CoarseLastAccessSessionsTests {

	/** An in-memory stand-in for the JDBC repository that records what is saved. */
	static final class Store implements FindByIndexNameSessionRepository<MapSession> {
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

	private final Store store = new Store();
	private final CoarseLastAccessSessions sessions = new CoarseLastAccessSessions(store, Duration.ofMinutes(30));

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
