package eu.pledge.audit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import org.slf4j.MDC;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.PledgeApplication;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * The audit trail's benchmark on PostgreSQL (issue 3), run by {@code bench/audit.sh} against a fresh database.
 * Not a test: it has a main and no @Test. It boots the whole application without a web server and measures
 * <ol>
 * <li>audited actions per second: threads each running transactions that publish one {@link Auditable} fact,
 * which {@link AuditRecorder} writes before the commit; the row count must grow by exactly the number of
 * committed transactions;</li>
 * <li>search latency at 10 million events: that many rows over the last 60 daily partitions, then a mix of
 * filtered first pages through {@link AuditSearch};</li>
 * <li>retention: {@link AuditMaintenance#applyRetention()} with a clock 60 days ahead, so the 60 loaded days
 * are past retention and today's period is not, while a writer keeps recording audited actions.</li>
 * </ol>
 * Settings are system properties ({@code bench.*}, see {@link #main}); the last lines are a table with
 * PASS/MISS per target of issue 3.
 */
public final class AuditBenchmark {

	private static final DateTimeFormatter BASIC = DateTimeFormatter.BASIC_ISO_DATE;

	/**
	 * The 30 actions of the generated trail, most frequent first (index k is drawn as floor(30 * r^2), so
	 * k = 0 is about 18 % of the rows, k = 29 about 1.7 %): name, target type, fixed outcome or null.
	 */
	private static final String[][] ACTIONS = { { "login.succeeded", "account", null },
			{ "session.ended", "account", null }, { "login.failed", "account", "FAILURE" },
			{ "access.denied", "organization", "DENIED" }, { "second-factor.verified", "account", null },
			{ "session.expired", "account", null }, { "account.updated", "account", null },
			{ "password.changed", "account", null }, { "member.invited", "organization", null },
			{ "invitation.accepted", "organization", null }, { "privacy.export-requested", "account", null },
			{ "login.blocked", "account", "DENIED" }, { "second-factor.failed", "account", "FAILURE" },
			{ "member.removed", "organization", null }, { "organization.updated", "organization", null },
			{ "contract.updated", "contract", null }, { "contract.created", "contract", null },
			{ "organization.created", "organization", null }, { "account.created", "account", null },
			{ "password.reset-requested", "account", null }, { "password.reset", "account", null },
			{ "second-factor.enabled", "account", null }, { "second-factor.disabled", "account", null },
			{ "account.deleted", "account", null }, { "privacy.erasure-requested", "account", null },
			{ "admin.role-granted", "account", null }, { "admin.role-revoked", "account", null },
			{ "configuration.changed", "configuration", null }, { "contract.suspended", "contract", null },
			{ "audit.verified", null, null } };

	/** The actions whose detail names the member concerned (detail "account", column mentioned). */
	private static final String MENTIONING = "('member.removed', 'invitation.accepted')";

	private static final int ACTORS = 50_000;
	private static final int ORGANIZATIONS = 2_000;
	private static final int CONTRACTS = 8_000;

	/** A fact of the benchmark: what any module's event implementing Auditable is to the recorder. */
	record BenchFact(AuditEntry entry) implements Auditable {
		@Override
		public AuditEntry auditEntry() {
			return entry;
		}
	}

	private final ConfigurableApplicationContext context;
	private final JdbcTemplate jdbc;
	private final TransactionTemplate transaction;
	private final List<AccountId> writers = new ArrayList<>();
	private final Map<String, String> results = new LinkedHashMap<>();

	private AuditBenchmark(ConfigurableApplicationContext context) {
		this.context = context;
		this.jdbc = new JdbcTemplate(context.getBean(DataSource.class));
		this.transaction = new TransactionTemplate(context.getBean(PlatformTransactionManager.class));
		for (int i = 0; i < 1000; i++) {
			writers.add(new AccountId(actorId(i)));
		}
	}

	/**
	 * System properties: {@code bench.url} (required, a jdbc:postgresql URL), {@code bench.threads} (2 x cores),
	 * {@code bench.warmup} (20 s), {@code bench.duration} (20 s), {@code bench.rows} (10,000,000),
	 * {@code bench.days} (60), {@code bench.load-budget} (300 s: loading stops after the day in progress when
	 * exceeded, and the figures say how many rows there are), {@code bench.searches} (200).
	 */
	public static void main(String[] args) throws Exception {
		String url = System.getProperty("bench.url");
		if (url == null || !url.startsWith("jdbc:postgresql:")) {
			System.err.println("usage: java -Dbench.url=jdbc:postgresql://127.0.0.1:5432/<db> ... AuditBenchmark");
			System.exit(2);
		}
		int cores = Runtime.getRuntime().availableProcessors();
		int threads = Integer.getInteger("bench.threads", 2 * cores);
		int warmup = Integer.getInteger("bench.warmup", 20);
		int duration = Integer.getInteger("bench.duration", 20);
		long rows = Long.getLong("bench.rows", 10_000_000L);
		int days = Integer.getInteger("bench.days", 60);
		int loadBudget = Integer.getInteger("bench.load-budget", 300);
		int searches = Integer.getInteger("bench.searches", 200);

		Path dataDir = Files.createTempDirectory("pledge-audit-bench");
		Map<String, Object> properties = new LinkedHashMap<>();
		properties.put("spring.datasource.url", url);
		properties.put("spring.datasource.username", "postgres");
		properties.put("spring.datasource.password", "");
		properties.put("spring.datasource.hikari.maximum-pool-size", Math.max(10, threads + 4));
		properties.put("pledge.vault.master-key", "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=");
		properties.put("pledge.data-dir", dataDir.toString());
		// Partitions ahead are created at start-up; the maintenance job first runs one interval later, i.e. not
		// during the run: closing 60 loaded periods would digest 10 M rows in the middle of the measurements.
		properties.put("pledge.audit.maintenance-interval", "6h");
		// Checkpoints (issue 11) every 10 s rather than every minute: several fall inside the measurement.
		properties.put("pledge.audit.checkpoint-interval", System.getProperty("bench.checkpoint-interval", "10s"));
		properties.put("logging.level.root", "WARN");
		properties.put("logging.level.eu.pledge.audit", "INFO");
		properties.put("spring.main.banner-mode", "off");
		// A servlet application context (the security configuration needs HttpSecurity, the sessions module
		// Spring Session's servlet-only JDBC repository), but with port -1 the embedded server never listens.
		properties.put("server.port", "-1");
		properties.put("server.address", "127.0.0.1");
		properties.put("pledge.base-url", "http://127.0.0.1");

		long bootStart = System.nanoTime();
		// As command-line arguments: they outrank application.yml (default properties would not).
		String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
				.toArray(String[]::new);
		try (ConfigurableApplicationContext context = new SpringApplicationBuilder(PledgeApplication.class)
				.web(WebApplicationType.SERVLET).initializers(eu.pledge.testing.SecondNode::withoutTestClasses).run(arguments)) {
			say("application context up in %.1f s (%s)", seconds(bootStart), url);
			AuditBenchmark bench = new AuditBenchmark(context);
			bench.actionsPerSecond(threads, warmup, duration);
			LocalDate today = LocalDate.now(ZoneOffset.UTC);
			long loaded = bench.load(today, days, rows, loadBudget);
			bench.search(today, days, loaded, searches);
			bench.onePerson();
			bench.retention(today, days, loaded);
			bench.report(cores, threads, loaded);
		}
		finally {
			try (var files = Files.walk(dataDir)) {
				files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
			}
		}
	}

	/**
	 * The test classes on the classpath stay out of component scanning: a scanned TestClockConfiguration would
	 * freeze the application's clock, PageTestAccounts would create accounts.
	 */

	// --- 1. audited actions per second ------------------------------------------------------------------

	private void actionsPerSecond(int threads, int warmup, int duration) throws InterruptedException {
		say("(1) audited actions: %d threads, %d s warm-up, then %d s", threads, warmup, duration);
		runWriters(threads, warmup, null);
		long before = count("SELECT count(*) FROM audit_events");
		var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
				.getOperatingSystemMXBean();
		long cpuBefore = os.getProcessCpuTime();
		long start = System.nanoTime();
		long done = runWriters(threads, duration, null);
		double elapsed = seconds(start);
		long cpu = os.getProcessCpuTime() - cpuBefore;
		long after = count("SELECT count(*) FROM audit_events");
		double rate = done / elapsed;
		say("    %d transactions in %.2f s = %.0f audited actions/s; audit_events grew by %d (%s)", done, elapsed,
				rate, after - before, after - before == done ? "same" : "DIFFERENT");
		say("    JVM CPU %.0f us per action (%.0f %% of %d cores); the rest of the machine's time is PostgreSQL",
				cpu / 1e3 / done, 100.0 * cpu / 1e9 / elapsed / Runtime.getRuntime().availableProcessors(),
				Runtime.getRuntime().availableProcessors());
		say("    checkpoints written so far: %d, sealing %d events (pledge.audit.checkpoint-interval %s)",
				count("SELECT count(*) FROM audit_checkpoints"),
				count("SELECT COALESCE(SUM(event_count), 0) FROM audit_checkpoints"),
				System.getProperty("bench.checkpoint-interval", "10s"));
		results.put("actions", String.format(Locale.ROOT, "%.0f", rate));
		results.put("actions.ok", Boolean.toString(after - before == done));
	}

	/** Runs {@code threads} writers for {@code seconds}, then stops and joins them; returns the commits. */
	private long runWriters(int threads, double seconds, LatencyLog latencies) throws InterruptedException {
		AtomicBoolean stop = new AtomicBoolean();
		LongAdder committed = new LongAdder();
		List<Thread> workers = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				while (!stop.get()) {
					long begin = System.nanoTime();
					auditedAction();
					committed.increment();
					if (latencies != null) {
						latencies.add(begin, System.nanoTime() - begin);
					}
				}
			}, "bench-writer-" + t);
			worker.start();
			workers.add(worker);
		}
		Thread.sleep((long) (seconds * 1000));
		stop.set(true);
		for (Thread worker : workers) {
			worker.join();
		}
		return committed.sum();
	}

	/** One transaction publishing one fact, as a module's service would; the recorder inserts before commit. */
	private void auditedAction() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		AccountId actor = writers.get(random.nextInt(writers.size()));
		AuditEntry entry = new AuditEntry(actor, "account.updated", "account", actor.toString(),
				AuditEntry.Outcome.SUCCESS, Map.of("field", "display-name"));
		MDC.put(AuditRecorder.REQUEST_ID, Long.toHexString(random.nextLong()));
		try {
			transaction.executeWithoutResult(status -> context.publishEvent(new BenchFact(entry)));
		}
		finally {
			MDC.remove(AuditRecorder.REQUEST_ID);
		}
	}

	// --- 2. loading and searching -----------------------------------------------------------------------

	/**
	 * Loads {@code rows} events over the {@code days} days before today, newest day first, two days at a time
	 * (one per core). Each day is the bulk-load form of what {@link Partitions} creates: a table like
	 * audit_events filled by one INSERT ... SELECT FROM generate_series, its indexes built once (the same
	 * definitions, hence the same names, as those the parent's indexes give a partition), then ATTACHed as the
	 * partition audit_events_pYYYYMMDD FOR VALUES FROM (day) TO (day + 1), and VACUUM ANALYZEd (autovacuum
	 * is off on this server). Inserting into existing partitions row by row would maintain four B-trees per
	 * row and take several times as long on two cores.
	 */
	private long load(LocalDate today, int days, long rows, int budgetSeconds) throws InterruptedException {
		long perDay = (rows + days - 1) / days; // rounded up, so 10 M over 60 days are at least 10 M
		say("(2) loading %,d events over the %d days before %s (%,d per day), budget %d s", perDay * days, days,
				today, perDay, budgetSeconds);
		String actionValues = String.join(", ", java.util.stream.IntStream.range(0, ACTIONS.length)
				.mapToObj(k -> "(" + k + ", '" + ACTIONS[k][0] + "', " + quoted(ACTIONS[k][1]) + ", "
						+ quoted(ACTIONS[k][2]) + ")")
				.toList());
		ConcurrentLinkedQueue<LocalDate> queue = new ConcurrentLinkedQueue<>();
		for (int d = 1; d <= days; d++) {
			queue.add(today.minusDays(d));
		}
		long start = System.nanoTime();
		long deadline = start + budgetSeconds * 1_000_000_000L;
		AtomicLong loaded = new AtomicLong();
		AtomicInteger daysDone = new AtomicInteger();
		List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
		List<Thread> loaders = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			Thread loader = new Thread(() -> {
				LocalDate day;
				while (System.nanoTime() < deadline && failures.isEmpty() && (day = queue.poll()) != null) {
					try {
						loadDay(day, perDay, actionValues);
						long total = loaded.addAndGet(perDay);
						say("    %s loaded: %,d rows in %d partitions after %.0f s", day, total,
								daysDone.incrementAndGet(), seconds(start));
					}
					catch (RuntimeException ex) {
						failures.add(ex);
					}
				}
			}, "bench-loader-" + t);
			loader.start();
			loaders.add(loader);
		}
		for (Thread loader : loaders) {
			loader.join();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException("loading failed", failures.get(0));
		}
		long counted = count("SELECT count(*) FROM audit_events WHERE period < DATE '" + today + "'");
		double took = seconds(start);
		say("    loaded %,d rows (counted) into %d daily partitions in %.0f s (%,.0f rows/s)%s", counted,
				daysDone.get(), took, counted / took,
				queue.isEmpty() ? "" : " - STOPPED at the load budget, " + queue.size() + " days not loaded");
		results.put("loaded", Long.toString(counted));
		results.put("load.seconds", String.format(Locale.ROOT, "%.0f", took));
		results.put("load.days", Integer.toString(daysDone.get()));
		// Events past retention were written two months ago and are long on disk. Freshly loaded, they would still
		// be written back while retention truncates their files (a truncate waits for pages under writeback):
		// a cost real retention never meets. So the load ends with a checkpoint, as PostgreSQL's own would.
		long checkpoint = System.nanoTime();
		jdbc.execute("CHECKPOINT");
		say("    CHECKPOINT after loading: %.1f s", seconds(checkpoint));
		return counted;
	}

	private void loadDay(LocalDate day, long rows, String actionValues) {
		String table = "audit_events_p" + BASIC.format(day);
		jdbc.execute("CREATE TABLE " + table + " (LIKE audit_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS)");
		// Evenly spread over the day; actors skewed (a few busy, many occasional; 5 % system), 30 actions skewed,
		// outcomes fixed for failures/denials and otherwise 96 % SUCCESS, 3 % FAILURE, 1 % DENIED.
		jdbc.update("""
				INSERT INTO %s (period, occurred_at, actor, action, target_type, target_id, outcome, request_id, detail,
				                mentioned)
				SELECT DATE '%s',
				       TIMESTAMPTZ '%sT00:00:00Z' + ((r.g - 1) + r.t) * (86400.0 / %d) * INTERVAL '1 second',
				       CASE WHEN r.sys < 0.05 THEN NULL
				            ELSE md5('actor-' || floor(%d * r.a ^ 2)::int)::uuid END,
				       a.action,
				       a.target_type,
				       CASE a.target_type
				            WHEN 'account' THEN md5('actor-' || floor(%d * r.tg ^ 2)::int)::uuid::text
				            WHEN 'organization' THEN md5('org-' || floor(%d * r.tg)::int)::uuid::text
				            WHEN 'contract' THEN md5('contract-' || floor(%d * r.tg)::int)::uuid::text
				            WHEN 'configuration' THEN 'pledge.audit.retention'
				       END,
				       COALESCE(a.outcome, CASE WHEN r.o < 0.96 THEN 'SUCCESS' WHEN r.o < 0.99 THEN 'FAILURE'
				                                ELSE 'DENIED' END),
				       substr(md5(r.g::text || '%s'), 1, 32),
				       CASE WHEN a.action IN %s THEN '{"account":"' || r.m || '","role":"MEMBER"}'
				            WHEN COALESCE(a.outcome, 'SUCCESS') = 'SUCCESS' AND r.o < 0.96 THEN '{}'
				            ELSE '{"reason":"bench"}' END,
				       CASE WHEN a.action IN %s THEN r.m END
				FROM (SELECT g, random() AS t, random() AS a, random() AS sys, random() AS tg, random() AS o,
				             floor(%d * random() ^ 2)::int AS k,
				             md5('actor-' || floor(%d * random() ^ 2)::int)::uuid AS m
				      FROM generate_series(1, %d) g) r
				JOIN (VALUES %s) AS a(k, action, target_type, outcome) ON a.k = r.k
				""".formatted(table, day, day, rows, ACTORS, ACTORS, ORGANIZATIONS, CONTRACTS, day, MENTIONING,
				MENTIONING, ACTIONS.length, ACTORS, rows, actionValues));
		jdbc.execute("ALTER TABLE " + table + " ADD PRIMARY KEY (occurred_at, id, period)");
		jdbc.execute("CREATE INDEX ON " + table + " (actor, occurred_at, id)");
		jdbc.execute("CREATE INDEX ON " + table + " (target_id, occurred_at, id)");
		jdbc.execute("CREATE INDEX ON " + table + " (action, occurred_at, id)");
		jdbc.execute("CREATE INDEX ON " + table + " (outcome, action, occurred_at, id) WHERE outcome <> 'SUCCESS'");
		jdbc.execute("CREATE INDEX ON " + table + " (mentioned, occurred_at, id) WHERE mentioned IS NOT NULL");
		jdbc.execute("ALTER TABLE audit_events ATTACH PARTITION " + table + " FOR VALUES FROM ('" + day + "') TO ('"
				+ day.plusDays(1) + "')");
		jdbc.execute("VACUUM (ANALYZE) " + table);
	}

	private void search(LocalDate today, int days, long loaded, int searches) {
		int indexes = (int) count("""
				SELECT count(*) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = 'audit_events_actor_idx'::regclass""");
		say("    actor index attached on %d partitions (the parent's indexes cover the loaded ones too)", indexes);
		AuditSearch search = context.getBean(AuditSearch.class);
		ThreadLocalRandom random = ThreadLocalRandom.current();
		Instant end = today.atStartOfDay(ZoneOffset.UTC).toInstant();
		Instant start = end.minus(Duration.ofDays(days));
		// Warm-up: every pooled connection plans against 60+ partitions once (relation cache), JIT-compile.
		for (int i = 0; i < 30; i++) {
			search.search(filter(random, start, end, i % 6));
		}
		say("    %d filtered first pages (size 50) through AuditSearch, after 30 unmeasured", searches);
		Map<String, List<Double>> byKind = new LinkedHashMap<>();
		double[] all = new double[searches];
		long totalRows = 0;
		for (int i = 0; i < searches; i++) {
			int kind = i % 6;
			AuditCriteria filter = filter(random, start, end, kind);
			long begin = System.nanoTime();
			AuditSearch.Page page = search.search(filter);
			double ms = (System.nanoTime() - begin) / 1e6;
			totalRows += page.items().size();
			all[i] = ms;
			byKind.computeIfAbsent(KINDS[kind], k -> new ArrayList<>()).add(ms);
		}
		Arrays.sort(all);
		say("    all: p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms; %.1f rows per page on average",
				percentile(all, 0.50), percentile(all, 0.95), percentile(all, 0.99), all[all.length - 1],
				(double) totalRows / searches);
		byKind.forEach((kind, values) -> {
			double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
			say("      %-34s n=%3d  p50 %6.1f ms  p95 %6.1f ms  max %6.1f ms", kind, sorted.length,
					percentile(sorted, 0.5), percentile(sorted, 0.95), sorted[sorted.length - 1]);
		});
		results.put("search.p50", String.format(Locale.ROOT, "%.1f", percentile(all, 0.50)));
		results.put("search.p95", String.format(Locale.ROOT, "%.1f", percentile(all, 0.95)));
		results.put("search.p99", String.format(Locale.ROOT, "%.1f", percentile(all, 0.99)));

		// Not in the figures above: filters no index serves, to show where the search is slow.
		say("    filters outside the mix (no index serves them; each run once, after one unmeasured run):");
		worstCase(search, "outcome = DENIED only", new AuditCriteria(null, null, null, null,
				AuditEntry.Outcome.DENIED, null, null, null, 50, null));
		worstCase(search, "login.failed + SUCCESS (matches nothing)", new AuditCriteria(null, "login.failed", null,
				null, AuditEntry.Outcome.SUCCESS, null, null, null, 50, null));
		worstCase(search, "targetType = contract only", new AuditCriteria(null, null, "contract", null, null, null,
				null, null, 50, null));
	}

	/**
	 * A person's own events among all of them, as GET /api/v1/me/audit (first page), the export and erasure
	 * read them: the busiest actor of the generated trail and an occasional one.
	 */
	private void onePerson() {
		AuditSearch search = context.getBean(AuditSearch.class);
		AuditData data = context.getBean(AuditData.class);
		say("(2b) one person's events: their first page (/me/audit), export, erasure");
		for (int k : new int[] { 0, ACTORS / 2 }) {
			AccountId person = new AccountId(actorId(k));
			long rows = count("SELECT count(*) FROM audit_events WHERE actor = '" + person + "' OR target_id = '"
					+ person + "' OR mentioned = '" + person + "'");
			AuditCriteria mine = new AuditCriteria(null, null, null, null, null, null, null, null, 50, null)
				.involving(person);
			search.search(mine); // planning against 60+ partitions once on this connection
			long begin = System.nanoTime();
			int page = search.search(mine).items().size();
			double pageMs = (System.nanoTime() - begin) / 1e6;
			begin = System.nanoTime();
			int exported = data.export(person).size();
			double exportMs = (System.nanoTime() - begin) / 1e6;
			begin = System.nanoTime();
			transaction.executeWithoutResult(status -> data.erase(person));
			double eraseMs = (System.nanoTime() - begin) / 1e6;
			long left = count("SELECT count(*) FROM audit_events WHERE actor = '" + person + "' OR target_id = '"
					+ person + "' OR mentioned = '" + person + "' OR detail LIKE '%" + person + "%'");
			say("    %s actor: %,d events; first page %d rows in %.1f ms; export %,d items in %.0f ms; erasure %.0f ms (id left in %d rows)",
					k == 0 ? "busiest" : "occasional", rows, page, pageMs, exported, exportMs, eraseMs, left);
			results.put("person." + k + ".page.ms", String.format(Locale.ROOT, "%.1f", pageMs));
			results.put("person." + k + ".erase.ms", String.format(Locale.ROOT, "%.0f", eraseMs));
		}
	}

	private static final String[] KINDS = { "actor", "action + outcome", "target type + id",
			"time range (1 h .. 7 d)", "actor + last 7 days", "action + time range (1 d)" };

	private static AuditCriteria filter(ThreadLocalRandom random, Instant start, Instant end, int kind) {
		long span = Duration.between(start, end).toSeconds();
		switch (kind) {
			case 0: // a person, drawn like the data (busy people are looked up more)
				return new AuditCriteria(actorId(skewed(random, ACTORS)), null, null, null, null, null, null, null, 50,
						null);
			case 1: { // an action and an outcome it has
				int k = skewed(random, ACTIONS.length);
				String fixed = ACTIONS[k][2];
				AuditEntry.Outcome outcome = fixed != null ? AuditEntry.Outcome.valueOf(fixed)
						: random.nextInt(3) == 0 ? AuditEntry.Outcome.FAILURE : AuditEntry.Outcome.SUCCESS;
				return new AuditCriteria(null, ACTIONS[k][0], null, null, outcome, null, null, null, 50, null);
			}
			case 2: { // what happened to an account, an organisation or a contract
				int which = random.nextInt(3);
				String type = which == 0 ? "account" : which == 1 ? "organization" : "contract";
				UUID id = which == 0 ? actorId(skewed(random, ACTORS))
						: which == 1 ? md5Uuid("org-" + random.nextInt(ORGANIZATIONS))
								: md5Uuid("contract-" + random.nextInt(CONTRACTS));
				return new AuditCriteria(null, null, type, id.toString(), null, null, null, null, 50, null);
			}
			case 3: { // everything in a window
				long length = Math.min(span, 3600L * (1 + random.nextInt(7 * 24)));
				Instant from = start.plusSeconds(random.nextLong(Math.max(1, span - length)));
				return new AuditCriteria(null, null, null, null, null, from, from.plusSeconds(length), null, 50, null);
			}
			case 4:
				return new AuditCriteria(actorId(skewed(random, ACTORS)), null, null, null, null,
						end.minus(Duration.ofDays(7)), null, null, 50, null);
			default: {
				Instant from = start.plusSeconds(random.nextLong(Math.max(1, span - 86400)));
				return new AuditCriteria(null, ACTIONS[skewed(random, ACTIONS.length)][0], null, null, null, from,
						from.plusSeconds(86400), null, 50, null);
			}
		}
	}

	private void worstCase(AuditSearch search, String name, AuditCriteria filter) {
		search.search(filter);
		long begin = System.nanoTime();
		int rows = search.search(filter).items().size();
		say("      %-38s %8.1f ms (%d rows)", name, (System.nanoTime() - begin) / 1e6, rows);
	}

	// --- 3. retention ---------------------------------------------------------------------------------------

	/**
	 * The loaded days are the last 60 before today; retention runs with a clock exactly 60 days ahead, so its
	 * first retained period is today: the 60 loaded periods are expired, today's (where the writer writes) is
	 * not. Their audit_periods rows are placeholders (computing 60 real digests would read all 10 M rows).
	 */
	private void retention(LocalDate today, int days, long loaded) throws InterruptedException {
		say("(3) retention of the %d periods before %s (%,d rows) while one writer records audited actions", days,
				today, loaded);
		jdbc.update("""
				INSERT INTO audit_periods (period, event_count, digest, previous_digest, signature, closed_at)
				SELECT d::date, 0, repeat('0', 64), repeat('0', 64), repeat('0', 64), now()
				FROM generate_series(DATE '%s', DATE '%s', INTERVAL '1 day') d
				""".formatted(today.minusDays(days), today.minusDays(1)));
		long partitionsBefore = partitions();
		long rowsBefore = count("SELECT count(*) FROM audit_events");
		long bytes = count("""
				SELECT COALESCE(sum(pg_total_relation_size(i.inhrelid)), 0) FROM pg_inherits i
				JOIN pg_class c ON c.oid = i.inhrelid
				WHERE i.inhparent = 'audit_events'::regclass AND c.relname < 'audit_events_p%s'
				""".formatted(BASIC.format(today)));
		say("    the expired partitions take %.2f GB (tables and indexes)", bytes / 1e9);
		AuditMaintenance later = new AuditMaintenance(context.getBean(Partitions.class), context.getBean(Chain.class),
				context.getBean(AuditEvents.class), context.getBean(AuditPeriods.class), context.getBean(Checkpoints.class),
				context.getBean(AuditProperties.class), Clock.offset(Clock.systemUTC(), Duration.ofDays(60)),
				context.getBean(org.springframework.transaction.PlatformTransactionManager.class));

		LatencyLog latencies = new LatencyLog();
		AtomicLong retentionStart = new AtomicLong();
		AtomicLong retentionEnd = new AtomicLong();
		Thread retention = new Thread(() -> {
			try {
				Thread.sleep(3000); // the writer's baseline
				retentionStart.set(System.nanoTime());
				later.applyRetention();
				retentionEnd.set(System.nanoTime());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "bench-retention");
		retention.start();
		// One writer for 3 s before, during, and at least 2 s after retention.
		long writerStart = System.nanoTime();
		AtomicBoolean stop = new AtomicBoolean();
		LongAdder failures = new LongAdder();
		Thread writer = new Thread(() -> {
			while (!stop.get()) {
				long begin = System.nanoTime();
				try {
					auditedAction();
				}
				catch (RuntimeException ex) {
					failures.increment();
				}
				latencies.add(begin, System.nanoTime() - begin);
			}
		}, "bench-retention-writer");
		writer.start();
		// When the last expired partition is gone from the catalogue, i.e. its DROP committed: from then on no
		// query sees the expired events; the call returns once PostgreSQL has also truncated their files.
		AtomicLong goneAt = new AtomicLong();
		Thread observer = new Thread(() -> {
			long expected = partitionsBefore - days;
			while (goneAt.get() == 0 && retention.isAlive()) {
				if (retentionStart.get() != 0 && partitions() <= expected) {
					goneAt.set(System.nanoTime());
				}
				try {
					Thread.sleep(5);
				}
				catch (InterruptedException ex) {
					return;
				}
			}
		}, "bench-retention-observer");
		observer.start();
		retention.join();
		observer.join();
		Thread.sleep(2000);
		stop.set(true);
		writer.join();

		double retentionMs = (retentionEnd.get() - retentionStart.get()) / 1e6;
		double[] during = latencies.overlapping(retentionStart.get(), retentionEnd.get());
		double[] baseline = latencies.overlapping(writerStart, retentionStart.get());
		long rowsAfter = count("SELECT count(*) FROM audit_events");
		long expiredLeft = count("SELECT count(*) FROM audit_events WHERE period < DATE '" + today + "'");
		long periodsLeft = count("SELECT count(*) FROM audit_periods WHERE period < DATE '" + today + "'");
		long partitionsAfter = partitions();
		if (goneAt.get() != 0) {
			say("    the last DROP was visible (committed) after %.0f ms; the rest is PostgreSQL truncating the files",
					(goneAt.get() - retentionStart.get()) / 1e6);
		}
		say("    applyRetention: %.0f ms; partitions %d -> %d; rows %,d -> %,d (expired rows left %,d, expired periods left %d)",
				retentionMs, partitionsBefore, partitionsAfter, rowsBefore, rowsAfter, expiredLeft, periodsLeft);
		say("    writer: %d transactions overlapping retention, p50 %.1f ms, p99 %.1f ms, max %.1f ms; before it: %d, p99 %.1f ms, max %.1f ms; %d failed",
				during.length, percentile(during, 0.5), percentile(during, 0.99), max(during), baseline.length,
				percentile(baseline, 0.99), max(baseline), failures.sum());
		results.put("retention.ms", String.format(Locale.ROOT, "%.0f", retentionMs));
		results.put("retention.left", Long.toString(expiredLeft));
		results.put("retention.writer.max", String.format(Locale.ROOT, "%.1f", max(during)));
		results.put("retention.writer.p99", String.format(Locale.ROOT, "%.1f", percentile(during, 0.99)));
		results.put("retention.writer.n", Integer.toString(during.length));
		results.put("retention.writer.failed", Long.toString(failures.sum()));
		results.put("retention.rows.after", Long.toString(rowsAfter));
	}

	private long partitions() {
		return count("SELECT count(*) FROM pg_inherits WHERE inhparent = 'audit_events'::regclass");
	}

	// --- report ---------------------------------------------------------------------------------------------

	private void report(int cores, int threads, long loaded) {
		double actions = Double.parseDouble(results.get("actions"));
		double p95 = Double.parseDouble(results.get("search.p95"));
		double retention = Double.parseDouble(results.get("retention.ms"));
		double writerMax = Double.parseDouble(results.get("retention.writer.max"));
		boolean full = loaded >= 10_000_000L;
		String scale = full ? "" : " [only " + String.format(Locale.ROOT, "%,d", loaded) + " rows]";
		System.out.println();
		System.out.printf(Locale.ROOT, "%-52s %14s  %-16s %s%n", "measure", "value", "target", "result");
		System.out.printf(Locale.ROOT, "%-52s %14s  %-16s %s%n",
				"(1) audited actions/s (" + threads + " threads)", results.get("actions") + "/s", ">= 5000/s",
				verdict(actions >= 5000, true) + ("true".equals(results.get("actions.ok")) ? ""
						: " (INVALID: row count differs)"));
		System.out.printf(Locale.ROOT, "%-52s %14s  %-16s %s%n",
				"(2) search p95, filtered first page" + scale, results.get("search.p95") + " ms", "< 50 ms",
				verdict(p95 < 50, full) + " (p50 " + results.get("search.p50") + ", p99 " + results.get("search.p99")
						+ ")");
		System.out.printf(Locale.ROOT, "%-52s %14s  %-16s %s%n",
				"(3) retention of " + results.get("load.days") + " expired days" + scale, results.get("retention.ms") + " ms",
				"< 1000 ms", verdict(retention < 1000 && "0".equals(results.get("retention.left")), full)
						+ " (expired rows left: " + results.get("retention.left") + ")");
		System.out.printf(Locale.ROOT, "%-52s %14s  %-16s %s%n", "(3) writer max latency during retention",
				results.get("retention.writer.max") + " ms", "< 100 ms",
				verdict(writerMax < 100 && "0".equals(results.get("retention.writer.failed")), true) + " (p99 "
						+ results.get("retention.writer.p99") + " ms over " + results.get("retention.writer.n")
						+ " writes; failed " + results.get("retention.writer.failed") + ")");
		System.out.printf(Locale.ROOT, "loaded %s rows in %s s; %d cores%n", results.get("loaded"),
				results.get("load.seconds"), cores);
	}

	private static String verdict(boolean met, boolean comparable) {
		return (met ? "PASS" : "MISS") + (comparable ? "" : "*");
	}

	// --- helpers -------------------------------------------------------------------------------------------

	/** Remembers (start, duration) of every write, to pick those overlapping a window. */
	private static final class LatencyLog {
		private final ConcurrentLinkedQueue<long[]> entries = new ConcurrentLinkedQueue<>();

		void add(long start, long nanos) {
			entries.add(new long[] { start, nanos });
		}

		double[] overlapping(long from, long to) {
			return entries.stream().filter(e -> e[0] < to && e[0] + e[1] > from).mapToDouble(e -> e[1] / 1e6)
					.sorted().toArray();
		}
	}

	private static int skewed(ThreadLocalRandom random, int n) {
		double r = random.nextDouble();
		return (int) Math.floor(n * r * r);
	}

	private static UUID actorId(int k) {
		return md5Uuid("actor-" + k);
	}

	/** PostgreSQL's {@code md5(text)::uuid}. */
	private static UUID md5Uuid(String text) {
		try {
			String hex = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8)));
			return UUID.fromString(hex.substring(0, 8) + "-" + hex.substring(8, 12) + "-" + hex.substring(12, 16) + "-"
					+ hex.substring(16, 20) + "-" + hex.substring(20));
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String quoted(String value) {
		return value == null ? "NULL::text" : "'" + value + "'";
	}

	private long count(String sql) {
		Long value = jdbc.queryForObject(sql, Long.class);
		return value == null ? 0 : value;
	}

	private static double percentile(double[] sorted, double q) {
		if (sorted.length == 0) {
			return Double.NaN;
		}
		int index = (int) Math.ceil(q * sorted.length) - 1;
		return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
	}

	private static double max(double[] sorted) {
		return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
	}

	private static double seconds(long startNanos) {
		return (System.nanoTime() - startNanos) / 1e9;
	}

	private static void say(String format, Object... args) {
		System.out.printf(Locale.ROOT, "[audit-bench] " + format + "%n", args);
		System.out.flush();
	}
}
