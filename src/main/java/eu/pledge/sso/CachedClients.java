package eu.pledge.sso;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.security.oauth2.server.authorization.client.JdbcRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;

/**
 * The registered clients, read through the library's JDBC repository and kept in this node's memory for
 * {@link #TIME_TO_LIVE}: the token endpoint looks a client up three times per request. A change made on this node
 * shows at once; on another node within the time to live (a rotated secret keeps the old one working far longer,
 * and a deleted client's authorizations are deleted with it, so its tokens stop at once everywhere). At most
 * {@link #MAX_ENTRIES} clients are kept.
 */
class CachedClients implements RegisteredClientRepository {

	static final Duration TIME_TO_LIVE = Duration.ofSeconds(2);
	static final int MAX_ENTRIES = 10_000;

	private final JdbcRegisteredClientRepository jdbc;
	private final Clock clock;
	private final Map<String, Entry> byId = new ConcurrentHashMap<>();
	private final Map<String, Entry> byClientId = new ConcurrentHashMap<>();

	private record Entry(RegisteredClient client, Instant until) {
	}

	CachedClients(JdbcOperations operations, Clock clock) {
		this.jdbc = new JdbcRegisteredClientRepository(operations);
		this.clock = clock;
	}

	@Override
	public void save(RegisteredClient client) {
		jdbc.save(client);
		forget(client.getId(), client.getClientId());
	}

	void forget(String id, String clientId) {
		byId.remove(id);
		byClientId.remove(clientId);
	}

	@Override
	public RegisteredClient findById(String id) {
		return cached(byId, id, () -> jdbc.findById(id));
	}

	@Override
	public RegisteredClient findByClientId(String clientId) {
		return cached(byClientId, clientId, () -> jdbc.findByClientId(clientId));
	}

	/** The client as the database holds it now (for a change, under the row's lock), not as this node kept it. */
	RegisteredClient findByClientIdInDatabase(String clientId) {
		RegisteredClient client = jdbc.findByClientId(clientId);
		if (client != null) {
			forget(client.getId(), clientId);
		}
		return client;
	}

	private RegisteredClient cached(Map<String, Entry> cache, String key, java.util.function.Supplier<RegisteredClient> load) {
		Instant now = clock.instant();
		Entry entry = cache.get(key);
		if (entry != null && entry.until.isAfter(now) && !entry.until.isAfter(now.plus(TIME_TO_LIVE))) {
			return entry.client;
		}
		RegisteredClient client = load.get();
		if (client != null) {
			if (cache.size() >= MAX_ENTRIES) {
				cache.clear();
			}
			cache.put(key, new Entry(client, now.plus(TIME_TO_LIVE)));
		}
		else {
			cache.remove(key);
		}
		return client;
	}
}
