package eu.pledge;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A node killed under load (issue 11, "Faults"). Run by {@code bench/kill-node.sh}: two Pledge nodes from the jar
 * on one fresh PostgreSQL database, sign-ins, sign-outs and audited admin changes (organisations, contracts)
 * against both, erasures before, at and after the kill; node A is killed with SIGKILL while requests are in
 * flight (as soon as it is seen holding a retention-sweeper lease, or at the deadline), the load stays on B, A
 * restarts on the same data directory. Then one PASS/FAIL line per promise; exit status 1 when one fails.
 * Not a test: a main, no @Test.
 * <p>
 * Every request carries its own {@code X-Request-Id} (Pledge keeps a safe client id and the audit trail records
 * it), so an acknowledged action and its audit event are matched by request id and action.
 */
public final class KillNodeBenchmark {

	private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
	private static final Pattern TOKEN = Pattern.compile("token=([A-Za-z0-9_.~-]+)");
	private static final Set<String> TRACKED = Set.of("login.succeeded", "session.ended", "organization.created",
			"contract.created", "account.erased");

	private final String jar;
	private final String jdbcUrl;
	private final String dbUser;
	private final Path dir;
	private final List<String> javaOpts;
	private final String masterKey;
	private final String adminEmail = "kill-admin@example.org";
	private final String adminPassword = "kill-admin-" + random(18);
	private final String password = "kill-person-" + random(18);
	private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
	private final AtomicLong sequence = new AtomicLong();
	private final String runTag = random(6).toLowerCase().replaceAll("[^a-z0-9]", "x");
	private final List<String> failures = new CopyOnWriteArrayList<>();

	/** Acknowledged actions: request id → action (2xx answered). */
	private final Map<String, String> acknowledged = new ConcurrentHashMap<>();
	/** Acknowledged actions' entity ids (organisations, contracts): request id → target id. */
	private final Map<String, String> targets = new ConcurrentHashMap<>();
	/** Requests that got no answer (connection reset by the kill, or refused): request id → node. */
	private final Map<String, String> unanswered = new ConcurrentHashMap<>();
	private final AtomicLong refused = new AtomicLong();
	private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
	private final Set<String> inFlightA = ConcurrentHashMap.newKeySet();

	private final class Node {
		final String name;
		final int port;
		final Path dataDir;
		final boolean bootstrap;
		volatile Process process;
		volatile boolean alive;

		Node(String name, int port, boolean bootstrap) throws IOException {
			this.name = name;
			this.port = port;
			this.dataDir = Files.createDirectories(dir.resolve("node-" + name));
			this.bootstrap = bootstrap;
		}

		String base() {
			return "http://127.0.0.1:" + port;
		}

		void start() throws Exception {
			List<String> command = new ArrayList<>();
			command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
			command.addAll(javaOpts);
			command.addAll(List.of("-jar", jar, "--server.address=127.0.0.1", "--server.port=" + port,
					"--pledge.data-dir=" + dataDir, "--pledge.base-url=" + base(),
					"--spring.datasource.url=" + jdbcUrl, "--spring.datasource.username=" + dbUser,
					"--spring.datasource.password=", "--pledge.privacy.sweep-interval=5s",
					"--pledge.privacy.sweep-initial-delay=1s", "--pledge.privacy.sweep-lease=15s",
					"--pledge.audit.maintenance-interval=10s", "--pledge.serverlogs.heartbeat-interval=5s"));
			ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
					.redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("pledge.log").toFile()));
			builder.environment().put("PLEDGE_VAULT_MASTER_KEY", masterKey);
			if (bootstrap) {
				builder.environment().put("PLEDGE_BOOTSTRAP_ADMIN_EMAIL", adminEmail);
				builder.environment().put("PLEDGE_BOOTSTRAP_ADMIN_PASSWORD", adminPassword);
			}
			process = builder.start();
			Files.writeString(dir.resolve("pids"), process.pid() + "\n", StandardOpenOption.CREATE,
					StandardOpenOption.APPEND);
			long started = System.nanoTime();
			while (true) {
				if (!process.isAlive()) {
					throw new IllegalStateException("node " + name + " died at start; see " + dataDir.resolve("pledge.log"));
				}
				if (healthy()) {
					break;
				}
				if (System.nanoTime() - started > Duration.ofSeconds(150).toNanos()) {
					throw new IllegalStateException("node " + name + " not healthy within 150 s");
				}
				Thread.sleep(500);
			}
			alive = true;
			log("node %s up on port %d (pid %d) in %.1f s", name, port, process.pid(), (System.nanoTime() - started) / 1e9);
		}

		boolean healthy() {
			try {
				return http.send(HttpRequest.newBuilder(URI.create(base() + "/actuator/health"))
						.timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
			}
			catch (IOException | InterruptedException e) {
				return false;
			}
		}
	}

	private record Answer(int status, String body, String cookie) {
	}

	private KillNodeBenchmark() throws IOException {
		jar = required("bench.jar");
		jdbcUrl = required("bench.url");
		dbUser = System.getProperty("bench.db-user", "postgres");
		dir = Files.createDirectories(Path.of(required("bench.dir")));
		String opts = System.getProperty("bench.java-opts", "").trim();
		javaOpts = opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
		byte[] key = new byte[32];
		new SecureRandom().nextBytes(key);
		masterKey = Base64.getEncoder().encodeToString(key);
	}

	public static void main(String[] args) throws Exception {
		KillNodeBenchmark bench = new KillNodeBenchmark();
		boolean ok;
		try {
			ok = bench.run();
		}
		catch (Exception e) {
			System.out.println("FAIL the benchmark could not run: " + e);
			ok = false;
		}
		System.exit(ok ? 0 : 1);
	}

	private boolean run() throws Exception {
		int loadBefore = Integer.getInteger("bench.before-kill", 10);
		int outage = Integer.getInteger("bench.outage", 22);
		int loadAfter = Integer.getInteger("bench.after-restart", 6);
		int signInAccounts = Integer.getInteger("bench.accounts", 4);
		Node a = new Node("a", freePort(), true);
		Node b = new Node("b", freePort(), false);
		try (Connection db = DriverManager.getConnection(jdbcUrl, dbUser, "")) {
			a.start();
			String aOwner = learnSweeperOwner(db);
			seedYesterday(db);
			b.start();

			String adminCookie = signIn(a, adminEmail, adminPassword, "admin").cookie();
			List<String> people = new ArrayList<>();
			for (int i = 0; i < signInAccounts + 3; i++) {
				people.add(register(db, i % 2 == 0 ? a : b, "kill-" + runTag + "-" + i + "@example.org"));
			}
			List<String> signInPeople = people.subList(0, signInAccounts);
			String eraseBefore = people.get(signInAccounts);     // erased on A a moment before the kill
			String eraseAtKill = people.get(signInAccounts + 1); // erasure in flight on A at the kill
			String eraseDuring = people.get(signInAccounts + 2); // erased on B while A is dead
			String atKillCookie = signIn(a, eraseAtKill, password, "erasure").cookie();
			log("%d accounts registered and confirmed; load starts", people.size());

			AtomicBoolean stop = new AtomicBoolean();
			List<Node> nodes = List.of(a, b);
			ExecutorService workers = Executors.newFixedThreadPool(6);
			for (int w = 0; w < 4; w++) {
				workers.submit(() -> signInLoad(nodes, signInPeople, stop));
			}
			workers.submit(() -> adminLoad(nodes, adminCookie, stop));
			workers.submit(() -> adminLoad(nodes, adminCookie, stop));

			Thread.sleep(Math.max(0, loadBefore - 2) * 1000L);
			Map<String, String> erased = Collections.synchronizedMap(new LinkedHashMap<>()); // email → request id of the acknowledged erasure
			erase(a, eraseBefore, null, erased);
			// Kill A as soon as it holds a sweeper lease (within 6 s), otherwise at the deadline.
			long deadline = System.nanoTime() + Duration.ofSeconds(6).toNanos();
			boolean heldLease = false;
			while (System.nanoTime() < deadline) {
				if (count(db, "SELECT COUNT(*) FROM privacy_sweep_locks WHERE owner = ? AND lease_until > now()", aOwner) > 0) {
					heldLease = true;
					break;
				}
				Thread.sleep(10);
			}
			String eraseAtKillId = "kn-" + runTag + "-erase-at-kill";
			Thread eraser = new Thread(() -> {
				Answer answer = send(a, "POST", "/api/v1/me/erasure", "{\"password\":\"" + password + "\"}", atKillCookie,
						eraseAtKillId, "account.erased");
				if (answer != null && answer.status() == 204) {
					erased.put(eraseAtKill, eraseAtKillId);
				}
			});
			eraser.start();
			Thread.sleep(Long.getLong("bench.erasure-head-start", 40));
			Set<String> inFlight = new HashSet<>(inFlightA);
			a.alive = false;
			a.process.destroyForcibly(); // SIGKILL
			Instant killedAt = Instant.now();
			a.process.waitFor();
			List<String> leasesAtKill = strings(db,
					"SELECT rule FROM privacy_sweep_locks WHERE owner = ? AND lease_until > ?", aOwner, Timestamp.from(killedAt));
			eraser.join(30_000);
			log("node a killed (SIGKILL) with %d requests in flight, holding %d sweeper leases %s", inFlight.size(),
					leasesAtKill.size(), leasesAtKill);

			Set<String> ownersDuringOutage = new HashSet<>();
			long outageEnd = System.nanoTime() + Duration.ofSeconds(outage).toNanos();
			boolean erasedDuring = false;
			while (System.nanoTime() < outageEnd) {
				// leases taken since the kill (a dead node's lease stays in its row until it expires and another takes it)
				ownersDuringOutage.addAll(strings(db,
						"SELECT owner FROM privacy_sweep_locks WHERE owner IS NOT NULL AND last_started_at > ?",
						Timestamp.from(killedAt)));
				if (!erasedDuring && System.nanoTime() > outageEnd - Duration.ofSeconds(outage / 2).toNanos()) {
					erase(b, eraseDuring, null, erased);
					erasedDuring = true;
				}
				Thread.sleep(50);
			}
			Map<String, Instant> startedBeforeRestart = lastStarted(db);
			Instant restartAt = Instant.now();
			a.start();
			Thread.sleep(loadAfter * 1000L);
			stop.set(true);
			workers.shutdown();
			workers.awaitTermination(60, java.util.concurrent.TimeUnit.SECONDS);
			Thread.sleep(2000);

			// The erasure in flight at the kill: complete, or not begun (then the person asks again, on B).
			boolean atKillAcknowledged = erased.containsKey(eraseAtKill);
			String atKillState = accountState(db, eraseAtKill);
			if (!atKillAcknowledged && "present".equals(atKillState)) {
				erase(b, eraseAtKill, null, erased);
			}

			System.out.println();
			System.out.printf("Pledge kill-node run: 2 nodes, %d s load before the kill, %d s outage, %d s after the restart%n",
					loadBefore, outage, loadAfter);
			System.out.printf("answers: %s; no answer (connection lost or refused): %d%n", new java.util.TreeMap<>(statusCounts()),
					unanswered.size());
			verifyAudit(db, inFlight);
			verifyErasures(db, erased, eraseAtKill, atKillAcknowledged, atKillState);
			verifySweeper(db, aOwner, killedAt, restartAt, heldLease, leasesAtKill, ownersDuringOutage, startedBeforeRestart);
			verifyChain(b, adminCookie);
			boolean healthy = a.healthy() && b.healthy();
			line(healthy, "both nodes healthy at the end", "a: %s, b: %s", a.healthy(), b.healthy());
		}
		finally {
			for (Node node : List.of(a, b)) {
				if (node.process != null && node.process.isAlive()) {
					node.process.destroy();
					if (!node.process.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)) {
						node.process.destroyForcibly();
					}
				}
			}
		}
		return failures.isEmpty();
	}

	// --- load --------------------------------------------------------------------------------------------------

	private void signInLoad(List<Node> nodes, List<String> people, AtomicBoolean stop) {
		while (!stop.get()) {
			Node node = pick(nodes);
			String email = people.get(ThreadLocalRandom.current().nextInt(people.size()));
			Answer in = send(node, "POST", "/api/v1/session", credentials(email, password), null, null, "login.succeeded");
			if (in != null && in.status() == 200 && in.cookie() != null && ThreadLocalRandom.current().nextBoolean()) {
				send(pick(nodes), "DELETE", "/api/v1/session", null, in.cookie(), null, "session.ended");
			}
		}
	}

	private void adminLoad(List<Node> nodes, String cookie, AtomicBoolean stop) {
		while (!stop.get()) {
			String orgRequest = nextId();
			Answer org = send(pick(nodes), "POST", "/api/v1/admin/organizations",
					"{\"name\":\"Kill test " + orgRequest + "\"}", cookie, orgRequest, "organization.created");
			if (org == null || org.status() != 201) {
				continue;
			}
			String orgId = firstId(org.body());
			targets.put(orgRequest, orgId);
			Instant now = Instant.now();
			String contractRequest = nextId();
			Answer contract = send(pick(nodes), "POST", "/api/v1/admin/organizations/" + orgId + "/contracts",
					"{\"startsAt\":\"" + now.minusSeconds(60) + "\",\"endsAt\":\"" + now.plus(Duration.ofDays(365))
							+ "\",\"seats\":5,\"systems\":{\"crm\":\"editor\"}}",
					cookie, contractRequest, "contract.created");
			if (contract != null && contract.status() == 201) {
				targets.put(contractRequest, firstId(contract.body()));
			}
		}
	}

	private Node pick(List<Node> nodes) {
		List<Node> alive = nodes.stream().filter(n -> n.alive).toList();
		return alive.isEmpty() ? nodes.get(1) : alive.get(ThreadLocalRandom.current().nextInt(alive.size()));
	}

	/** One request; a 2xx of a tracked action is recorded as acknowledged. Null when no answer came. */
	private Answer send(Node node, String method, String path, String json, String cookie, String requestId, String action) {
		// Set-up requests (action null) get ids outside the load's prefix, so the audit check ignores them.
		String id = requestId != null ? requestId : action == null ? "ks-" + runTag + "-" + sequence.incrementAndGet() : nextId();
		HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.base() + path))
				.timeout(Duration.ofSeconds(30)).header("X-Request-Id", id)
				.method(method, json == null ? HttpRequest.BodyPublishers.noBody()
						: HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
		if (json != null) {
			request.header("Content-Type", "application/json");
		}
		if (cookie != null) {
			request.header("Cookie", cookie);
		}
		boolean onA = node.name.equals("a");
		if (onA) {
			inFlightA.add(id);
		}
		try {
			HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
			statuses.computeIfAbsent(response.statusCode(), s -> new AtomicLong()).incrementAndGet();
			if (response.statusCode() / 100 == 2 && action != null) {
				acknowledged.put(id, action);
			}
			String setCookie = response.headers().allValues("Set-Cookie").stream()
					.filter(c -> c.contains("pledge-session=")).map(c -> c.substring(0, c.indexOf(';') < 0 ? c.length() : c.indexOf(';')))
					.findFirst().orElse(null);
			return new Answer(response.statusCode(), response.body(), setCookie);
		}
		catch (IOException e) {
			unanswered.put(id, node.name);
			if (e instanceof java.net.ConnectException) {
				refused.incrementAndGet();
			}
			return null;
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			return null;
		}
		finally {
			if (onA) {
				inFlightA.remove(id);
			}
		}
	}

	private String nextId() {
		return "kn-" + runTag + "-" + sequence.incrementAndGet();
	}

	private Map<Integer, Long> statusCounts() {
		Map<Integer, Long> counts = new HashMap<>();
		statuses.forEach((status, count) -> counts.put(status, count.get()));
		return counts;
	}

	// --- set-up ------------------------------------------------------------------------------------------------

	private Answer signIn(Node node, String email, String secret, String what) {
		Answer answer = send(node, "POST", "/api/v1/session", credentials(email, secret), null, null, null);
		if (answer == null || answer.status() != 200 || answer.cookie() == null) {
			throw new IllegalStateException("sign-in (" + what + ") failed: " + (answer == null ? "no answer" : answer.status()));
		}
		return answer;
	}

	private static String credentials(String email, String secret) {
		return "{\"email\":\"" + email + "\",\"password\":\"" + secret + "\"}";
	}

	private String register(Connection db, Node node, String email) throws Exception {
		Answer created = send(node, "POST", "/api/v1/accounts", "{\"name\":\"Kill Test\",\"email\":\"" + email
				+ "\",\"password\":\"" + password + "\",\"address\":{\"street\":\"Teststraat 1\",\"postalCode\":\"9000\","
				+ "\"city\":\"Gent\",\"country\":\"BE\"}}", null, null, null);
		if (created == null || created.status() != 201) {
			throw new IllegalStateException("registration failed: " + (created == null ? "no answer" : created.status()));
		}
		String token = null;
		for (int i = 0; i < 50 && token == null; i++) {
			try (PreparedStatement select = db.prepareStatement(
					"SELECT body FROM dev_outbox WHERE recipient = ? ORDER BY id DESC LIMIT 1")) {
				select.setString(1, email);
				try (ResultSet rs = select.executeQuery()) {
					if (rs.next()) {
						Matcher m = TOKEN.matcher(rs.getString(1));
						token = m.find() ? m.group(1) : null;
					}
				}
			}
			if (token == null) {
				Thread.sleep(200);
			}
		}
		if (token == null) {
			throw new IllegalStateException("no verification mail in dev_outbox");
		}
		Answer verified = send(node, "POST", "/api/v1/accounts/verification", "{\"token\":\"" + token + "\"}", null, null, null);
		if (verified == null || verified.status() != 204) {
			throw new IllegalStateException("verification failed: " + (verified == null ? "no answer" : verified.status()));
		}
		Answer me = send(node, "GET", "/api/v1/me", null, signIn(node, email, password, "set-up").cookie(), null, null);
		if (me == null || me.status() != 200) {
			throw new IllegalStateException("GET /api/v1/me failed");
		}
		accountIds.put(email, firstId(me.body()));
		return email;
	}

	/** Signs in on {@code node} and erases the account; an acknowledged erasure is put into {@code erased}. */
	private void erase(Node node, String email, String cookie, Map<String, String> erased) {
		String session = cookie != null ? cookie : signIn(node, email, password, "erasure").cookie();
		String id = nextId();
		Answer answer = send(node, "POST", "/api/v1/me/erasure", "{\"password\":\"" + password + "\"}", session, id,
				"account.erased");
		if (answer != null && answer.status() == 204) {
			erased.put(email, id);
		}
		else {
			log("erasure on node %s answered %s", node.name, answer == null ? "nothing" : answer.status());
		}
	}

	/** Watches the leases while only A runs, to learn A's sweeper owner id (random per process). */
	private String learnSweeperOwner(Connection db) throws Exception {
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < end) {
			List<String> owners = strings(db, "SELECT owner FROM privacy_sweep_locks WHERE owner IS NOT NULL");
			if (!owners.isEmpty()) {
				log("node a's sweeper is %s", owners.get(0));
				return owners.get(0);
			}
			Thread.sleep(2);
		}
		throw new IllegalStateException("did not see node a's sweeper take a lease within 20 s");
	}

	/** Events in yesterday's period, so the maintenance (every 10 s, on either node) closes a period to verify. */
	private void seedYesterday(Connection db) throws SQLException {
		LocalDate yesterday = LocalDate.now(ZoneOffset.UTC).minusDays(1);
		try (var statement = db.createStatement()) {
			statement.execute("CREATE TABLE IF NOT EXISTS audit_events_p" + yesterday.toString().replace("-", "")
					+ " PARTITION OF audit_events FOR VALUES FROM ('" + yesterday + "') TO ('" + yesterday.plusDays(1) + "')");
			statement.execute("INSERT INTO audit_events (period, occurred_at, actor, action, target_type, target_id, outcome, detail) "
					+ "SELECT DATE '" + yesterday + "', TIMESTAMPTZ '" + yesterday + " 12:00:00+00' + g * INTERVAL '1 second', "
					+ "gen_random_uuid(), 'login.succeeded', 'account', gen_random_uuid()::text, 'SUCCESS', '{}' "
					+ "FROM generate_series(1, 1000) g");
		}
	}

	// --- verification ------------------------------------------------------------------------------------------

	private void verifyAudit(Connection db, Set<String> inFlightAtKill) throws SQLException {
		Map<String, Set<String>> audited = new HashMap<>();
		Map<String, String> auditedTargets = new HashMap<>();
		try (PreparedStatement select = db.prepareStatement(
				"SELECT request_id, action, target_id FROM audit_events WHERE request_id LIKE ?")) {
			select.setString(1, "kn-" + runTag + "-%");
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					audited.computeIfAbsent(rs.getString(1), k -> new HashSet<>()).add(rs.getString(2));
					auditedTargets.put(rs.getString(1) + " " + rs.getString(2), rs.getString(3));
				}
			}
		}
		Map<String, Long> perAction = new java.util.TreeMap<>();
		List<String> missing = new ArrayList<>();
		int wrongTarget = 0;
		for (var entry : acknowledged.entrySet()) {
			perAction.merge(entry.getValue(), 1L, Long::sum);
			if (!audited.getOrDefault(entry.getKey(), Set.of()).contains(entry.getValue())) {
				missing.add(entry.getKey() + " " + entry.getValue());
			}
			else if (targets.containsKey(entry.getKey())
					&& !targets.get(entry.getKey()).equals(auditedTargets.get(entry.getKey() + " " + entry.getValue()))) {
				wrongTarget++;
			}
		}
		line(missing.isEmpty() && wrongTarget == 0, "every acknowledged action has its audit event",
				"%d acknowledged %s, %d without their event%s, %d with another target", acknowledged.size(), perAction,
				missing.size(), missing.isEmpty() ? "" : " " + missing.subList(0, Math.min(5, missing.size())), wrongTarget);
		int inFlight = 0;
		List<String> unexplained = new ArrayList<>();
		for (var entry : audited.entrySet()) {
			for (String action : entry.getValue()) {
				if (TRACKED.contains(action) && !action.equals(acknowledged.get(entry.getKey()))) {
					if (inFlightAtKill.contains(entry.getKey()) && unanswered.containsKey(entry.getKey())) {
						inFlight++;
					}
					else {
						unexplained.add(entry.getKey() + " " + action);
					}
				}
			}
		}
		line(unexplained.isEmpty(), "every audited action was acknowledged, or in flight at the kill",
				"%d audited but unacknowledged: %d of them in flight on node a at the kill (%d requests were), %d otherwise%s",
				inFlight + unexplained.size(), inFlight, inFlightAtKill.size(), unexplained.size(),
				unexplained.isEmpty() ? "" : " " + unexplained.subList(0, Math.min(5, unexplained.size())));
	}

	private void verifyErasures(Connection db, Map<String, String> erased, String atKill, boolean atKillAcknowledged,
			String atKillState) throws Exception {
		// Server-log erasures left for a node that was down are done when it returns (before it serves): wait a little.
		long end = System.nanoTime() + Duration.ofSeconds(20).toNanos();
		while (System.nanoTime() < end && count(db, "SELECT COUNT(*) FROM serverlogs_tasks WHERE kind <> 'export'") > 0) {
			Thread.sleep(500);
		}
		long tasksLeft = count(db, "SELECT COUNT(*) FROM serverlogs_tasks WHERE kind <> 'export'");
		List<String> incomplete = new ArrayList<>();
		for (var entry : erased.entrySet()) {
			String state = accountState(db, entry.getKey());
			boolean audited = count(db, "SELECT COUNT(*) FROM audit_events WHERE request_id = ? AND action = 'account.erased'",
					entry.getValue()) == 1;
			if (!"gone".equals(state) || !audited) {
				incomplete.add(state + (audited ? "" : ", no account.erased event"));
			}
		}
		String finalAtKill = accountState(db, atKill);
		line(erased.size() >= 3 && incomplete.isEmpty() && "gone".equals(finalAtKill) && tasksLeft == 0,
				"every erasure is complete (account, vault key, sessions gone; server-log erasures done)",
				"%d erasures acknowledged (before the kill on a, during the outage on b, the one in flight at the kill: %s, "
						+ "found %s after the restart%s), %d incomplete %s, %d server-log erasure tasks left",
				erased.size(), atKillAcknowledged ? "answered" : "no answer", atKillState,
				atKillAcknowledged || "gone".equals(atKillState) ? "" : ", asked again on b", incomplete.size(), incomplete,
				tasksLeft);
	}

	/** "gone" (account, vault key and sessions absent), "present" (all there) or what is left. */
	private String accountState(Connection db, String email) throws Exception {
		// the id remembered at registration (GET /api/v1/me)
		String id = accountIds.get(email);
		if (id == null) {
			return "unknown";
		}
		long accounts = count(db, "SELECT COUNT(*) FROM accounts WHERE id = ?::uuid", id);
		long keys = count(db, "SELECT COUNT(*) FROM vault_keys WHERE owner_id = ?::uuid", id);
		long sessions = count(db, "SELECT COUNT(*) FROM spring_session WHERE principal_name = ?", id);
		if (accounts == 0 && keys == 0 && sessions == 0) {
			return "gone";
		}
		if (accounts == 1 && keys == 1) {
			return "present";
		}
		return "partial (account " + accounts + ", key " + keys + ", sessions " + sessions + ")";
	}

	private final Map<String, String> accountIds = new ConcurrentHashMap<>();

	private void verifySweeper(Connection db, String aOwner, Instant killedAt, Instant restartAt, boolean heldLease,
			List<String> leasesAtKill, Set<String> ownersDuringOutage, Map<String, Instant> startedBeforeRestart)
			throws SQLException {
		List<String> notRun = new ArrayList<>();
		startedBeforeRestart.forEach((rule, started) -> {
			if (started == null || !started.isAfter(killedAt)) {
				notRun.add(rule);
			}
		});
		boolean ok = !startedBeforeRestart.isEmpty() && notRun.isEmpty() && !ownersDuringOutage.contains(aOwner);
		List<String> takenOver = new ArrayList<>();
		for (String rule : leasesAtKill) {
			Instant started = startedBeforeRestart.get(rule);
			takenOver.add(rule + (started != null && started.isAfter(killedAt)
					? " last started " + Duration.between(killedAt, started).toMillis() / 1000.0 + " s after the kill"
					: " not taken over"));
		}
		line(ok, "the sweeper's leases pass to node b while node a is dead",
				"a %s at the kill (%s); of %d rules %d started after the kill and before the restart (%.1f s later), "
						+ "owners taking leases meanwhile: %d other than a's, a's among them: %s; not run: %s",
				heldLease ? "held a lease" : "held no lease", takenOver, startedBeforeRestart.size(),
				startedBeforeRestart.size() - notRun.size(), Duration.between(killedAt, restartAt).toMillis() / 1000.0,
				ownersDuringOutage.size() - (ownersDuringOutage.contains(aOwner) ? 1 : 0), ownersDuringOutage.contains(aOwner), notRun);
	}

	private Map<String, Instant> lastStarted(Connection db) throws SQLException {
		Map<String, Instant> started = new java.util.TreeMap<>();
		try (var statement = db.createStatement();
				ResultSet rs = statement.executeQuery("SELECT rule, last_started_at FROM privacy_sweep_locks")) {
			while (rs.next()) {
				Timestamp at = rs.getTimestamp(2);
				started.put(rs.getString(1), at == null ? null : at.toInstant());
			}
		}
		return started;
	}

	private void verifyChain(Node node, String cookie) throws SQLException {
		Answer answer = send(node, "POST", "/api/v1/admin/audit/verification", null, cookie, null, null);
		boolean valid = answer != null && answer.status() == 200 && answer.body().replace(" ", "").contains("\"valid\":true");
		line(valid, "the audit chain verifies", "%s", answer == null ? "no answer" : answer.status() + " " + answer.body());
	}

	// --- helpers -----------------------------------------------------------------------------------------------

	private void line(boolean pass, String promise, String format, Object... args) {
		String text = (pass ? "PASS " : "FAIL ") + promise + ": " + String.format(format, args);
		System.out.println(text);
		if (!pass) {
			failures.add(text);
		}
	}

	private static long count(Connection db, String sql, Object... params) throws SQLException {
		try (PreparedStatement select = db.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				select.setObject(i + 1, params[i]);
			}
			try (ResultSet rs = select.executeQuery()) {
				rs.next();
				return rs.getLong(1);
			}
		}
	}

	private static List<String> strings(Connection db, String sql, Object... params) throws SQLException {
		try (PreparedStatement select = db.prepareStatement(sql)) {
			for (int i = 0; i < params.length; i++) {
				select.setObject(i + 1, params[i]);
			}
			List<String> values = new ArrayList<>();
			try (ResultSet rs = select.executeQuery()) {
				while (rs.next()) {
					values.add(rs.getString(1));
				}
			}
			return values;
		}
	}

	private static String firstId(String body) {
		Matcher m = ID.matcher(body);
		if (!m.find()) {
			throw new IllegalStateException("no id in the answer");
		}
		return m.group(1);
	}

	private static int freePort() throws IOException {
		try (var socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
			return socket.getLocalPort();
		}
	}

	private static String random(int bytes) {
		byte[] value = new byte[bytes];
		new SecureRandom().nextBytes(value);
		return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
	}

	private static String required(String name) {
		String value = System.getProperty(name);
		if (value == null) {
			throw new IllegalArgumentException("-D" + name + " is required");
		}
		return value;
	}

	private static void log(String format, Object... args) {
		System.err.printf("[kill-node] " + format + "%n", args);
	}
}
