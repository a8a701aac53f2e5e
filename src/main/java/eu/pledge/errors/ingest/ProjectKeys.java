package eu.pledge.errors.ingest;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.errors.ErrorProjectCreated;
import eu.pledge.errors.ErrorProjectKeyIssued;
import eu.pledge.errors.ErrorProjectKeyRevoked;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.PledgeProperties;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;
import eu.pledge.shared.Tokens;
import io.swagger.v3.oas.annotations.media.Schema;

/**
 * Error projects and their DSN keys: administrators create projects and issue and revoke keys; the ingest
 * asks which project a key belongs to. A key is a 128-bit random hex string (the shape Sentry uses) and is
 * stored only as its SHA-256 hash, so its DSN is shown once, when it is issued; losing it means issuing a
 * new key. The ingest answers from an in-memory map of hash to project, replaced after every change on this
 * node and re-read every {@code key-refresh} for changes made on other nodes.
 */
@Service
class ProjectKeys {

	private static final Pattern SLUG = Pattern.compile("[a-z0-9][a-z0-9-]{0,49}");
	private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

	@Schema(name = "ProjectKey") // one schema name per type in the API document
	record Key(long id, String hint, Instant createdAt, Instant revokedAt) {

		boolean active() {
			return revokedAt == null;
		}
	}

	record Project(long id, String slug, String name, Instant createdAt, List<Key> keys) {
	}

	/** A newly issued key with its DSN: the only time the secret is shown. */
	record Issued(long projectId, Key key, String dsn) {

		@Override
		public String toString() {
			return "Issued[projectId=" + projectId + ", keyId=" + key.id() + "]";
		}
	}

	private final ProjectKeyRepository repository;
	private final TransactionTemplate transactions;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final URI baseUrl;
	private final long refreshMillis;
	private final AtomicBoolean refreshing = new AtomicBoolean();
	private volatile Map<String, Long> projectByHash = Map.of();
	private volatile long loadedAt = Long.MIN_VALUE;

	ProjectKeys(ProjectKeyRepository repository, TransactionTemplate transactions, ApplicationEventPublisher events,
			Clock clock, PledgeProperties pledge, IngestProperties ingest) {
		this.repository = repository;
		this.transactions = transactions;
		this.events = events;
		this.clock = clock;
		this.baseUrl = pledge.baseUrl();
		this.refreshMillis = ingest.keyRefresh().toMillis();
	}

	List<Project> list() {
		Map<Long, List<Key>> keys = new HashMap<>();
		for (ProjectKeyRepository.KeyRow row : repository.keys()) {
			keys.computeIfAbsent(row.projectId(), id -> new java.util.ArrayList<>())
					.add(new Key(row.id(), row.hint(), row.createdAt(), row.revokedAt()));
		}
		return repository.projects().stream().map(p -> new Project(p.id(), p.slug(), p.name(), p.createdAt(),
				keys.getOrDefault(p.id(), List.of()))).toList();
	}

	/** Creates a project with its first key. The slug defaults to one made of the name. */
	Issued create(AccountId by, String name, String slug) {
		String cleanName = name == null ? "" : name.strip();
		if (cleanName.isEmpty() || cleanName.length() > 200) {
			throw Rejected.badRequest("name", "Enter the project's name (1 to 200 characters).");
		}
		StorableText.require("name", cleanName);
		String cleanSlug = slug == null || slug.isBlank() ? slugOf(cleanName) : slug.strip();
		if (!SLUG.matcher(cleanSlug).matches()) {
			throw Rejected.badRequest("slug", "Use 1 to 50 lower-case letters, digits and dashes for the slug.");
		}
		Issued issued;
		try {
			issued = transactions.execute(status -> {
				if (repository.slugTaken(cleanSlug)) {
					throw new Rejected(HttpStatus.CONFLICT, "slug", "Another project already uses this slug.");
				}
				Instant now = clock.instant();
				long projectId = repository.insertProject(cleanSlug, cleanName, now);
				events.publishEvent(new ErrorProjectCreated(projectId, by, now));
				return issue(by, projectId, now);
			});
		}
		catch (DuplicateKeyException ex) {
			throw new Rejected(HttpStatus.CONFLICT, "slug", "Another project already uses this slug.");
		}
		refresh();
		return issued;
	}

	/** A further key for the project, e.g. to rotate: issue a new one, deploy it, revoke the old one. */
	Issued addKey(AccountId by, long projectId) {
		Issued issued = transactions.execute(status -> {
			if (repository.project(projectId).isEmpty()) {
				throw new Rejected(HttpStatus.NOT_FOUND, "There is no such error project.");
			}
			return issue(by, projectId, clock.instant());
		});
		refresh();
		return issued;
	}

	/** The key stops working at once on this node, and on the others within {@code key-refresh}. */
	void revoke(AccountId by, long projectId, long keyId) {
		transactions.executeWithoutResult(status -> {
			Instant now = clock.instant();
			if (!repository.revoke(projectId, keyId, now)) {
				throw new Rejected(HttpStatus.NOT_FOUND, "There is no such active key in this project.");
			}
			events.publishEvent(new ErrorProjectKeyRevoked(projectId, keyId, by, now));
		});
		refresh();
	}

	/** The project the public key of a DSN belongs to, or null when no active key matches. */
	Long projectOf(String publicKey) {
		if (publicKey == null || publicKey.isEmpty() || publicKey.length() > 128) {
			return null;
		}
		if (System.currentTimeMillis() - loadedAt > refreshMillis && refreshing.compareAndSet(false, true)) {
			try {
				refresh();
			}
			finally {
				refreshing.set(false);
			}
		}
		return projectByHash.get(Tokens.sha256(publicKey.toLowerCase(Locale.ROOT)));
	}

	/** Re-reads the active keys; the old map serves until the new one is complete. */
	void refresh() {
		Map<String, Long> fresh = new HashMap<>();
		for (ProjectKeyRepository.ActiveKey key : repository.activeKeys()) {
			fresh.put(key.hash(), key.projectId());
		}
		projectByHash = Map.copyOf(fresh);
		loadedAt = System.currentTimeMillis();
	}

	String dsn(String publicKey, long projectId) {
		String path = baseUrl.getRawPath() == null ? "" : baseUrl.getRawPath().replaceAll("/+$", "");
		return baseUrl.getScheme() + "://" + publicKey + "@" + baseUrl.getHost()
				+ (baseUrl.getPort() == -1 ? "" : ":" + baseUrl.getPort()) + path + "/" + projectId;
	}

	private Issued issue(AccountId by, long projectId, Instant now) {
		byte[] secret = new byte[16];
		RANDOM.nextBytes(secret);
		String publicKey = HexFormat.of().formatHex(secret);
		long keyId = repository.insertKey(projectId, Tokens.sha256(publicKey), publicKey.substring(0, 6), now);
		events.publishEvent(new ErrorProjectKeyIssued(projectId, keyId, by, now));
		return new Issued(projectId, new Key(keyId, publicKey.substring(0, 6), now, null), dsn(publicKey, projectId));
	}

	static String slugOf(String name) {
		String slug = java.text.Normalizer.normalize(name, java.text.Normalizer.Form.NFKD).replaceAll("\\p{M}", "").toLowerCase(Locale.ROOT)
				.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
		slug = slug.length() > 50 ? slug.substring(0, 50).replaceAll("-+$", "") : slug;
		return slug.isEmpty() ? "project" : slug;
	}
}
