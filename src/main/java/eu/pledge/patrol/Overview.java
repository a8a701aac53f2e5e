package eu.pledge.patrol;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** What the administrators' page shows besides the live feed: who is loudest, how busy the day was, each rule. */
@Component
class Overview {

	/** A source (an address or an account) and its detections in the last hour. */
	record Top(String key, long detections) {

		/** Without the address or account. */
		@Override
		public String toString() {
			return "Top[" + detections + "]";
		}
	}

	/** Detections in one hour (UTC) of the last 24. */
	record Hour(Instant start, long detections) {
	}

	/** A rule, the detections of its points in the last hour, and how often it answered keys whose record lives. */
	record RuleCount(String name, String points, long lastHour, long answers) {
	}

	private static final String TOP_ADDRESSES = """
			SELECT address AS k, COUNT(*) AS n FROM patrol_detections WHERE occurred_at > :since AND address IS NOT NULL
			GROUP BY address ORDER BY n DESC, k FETCH FIRST 10 ROWS ONLY""";
	private static final String TOP_ACCOUNTS = """
			SELECT account_id AS k, COUNT(*) AS n FROM patrol_detections WHERE occurred_at > :since AND account_id IS NOT NULL
			GROUP BY account_id ORDER BY n DESC, k FETCH FIRST 10 ROWS ONLY""";
	private static final String IN_HOUR = """
			SELECT COUNT(*) FROM patrol_detections WHERE occurred_at >= :from AND occurred_at < :to""";
	private static final String BY_POINT = """
			SELECT point, COUNT(*) AS n FROM patrol_detections WHERE occurred_at > :since GROUP BY point""";
	private static final String ANSWERS = """
			SELECT rule, SUM(responses) AS n FROM patrol_offenders WHERE expires_at > :now GROUP BY rule""";

	private final JdbcClient jdbc;
	private final PatrolProperties properties;

	Overview(JdbcClient jdbc, PatrolProperties properties) {
		this.jdbc = jdbc;
		this.properties = properties;
	}

	List<Top> topAddresses(Instant now) {
		return top(TOP_ADDRESSES, now);
	}

	List<Top> topAccounts(Instant now) {
		return top(TOP_ACCOUNTS, now);
	}

	/**
	 * The last 23 whole hours and the current one, oldest first: one count per hour over the time index, rather
	 * than every detection of the day read into memory (a flood leaves hundreds of thousands).
	 */
	List<Hour> perHour(Instant now) {
		Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
		List<Hour> hours = new ArrayList<>();
		for (int i = 0; i < 24; i++) {
			Instant start = first.plus(Duration.ofHours(i));
			hours.add(new Hour(start, jdbc.sql(IN_HOUR).param("from", DetectionRecords.at(start))
					.param("to", DetectionRecords.at(start.plus(Duration.ofHours(1)))).query(Long.class).single()));
		}
		return hours;
	}

	List<RuleCount> rules(Instant now) {
		Map<String, Long> byPoint = new LinkedHashMap<>();
		jdbc.sql(BY_POINT).param("since", DetectionRecords.at(now.minus(Duration.ofHours(1))))
				.query((rs, row) -> byPoint.put(rs.getString("point"), rs.getLong("n"))).list();
		Map<String, Long> answers = new LinkedHashMap<>();
		jdbc.sql(ANSWERS).param("now", DetectionRecords.at(now))
				.query((rs, row) -> answers.put(rs.getString("rule"), rs.getLong("n"))).list();
		return properties.rules().entrySet().stream().map(rule -> new RuleCount(rule.getKey(),
				String.join(", ", rule.getValue().points().stream().map(Point::id).toList()),
				rule.getValue().points().stream().mapToLong(p -> byPoint.getOrDefault(p.name(), 0L)).sum(),
				answers.getOrDefault(rule.getKey(), 0L))).toList();
	}

	private List<Top> top(String sql, Instant now) {
		return jdbc.sql(sql).param("since", DetectionRecords.at(now.minus(Duration.ofHours(1))))
				.query((rs, row) -> new Top(rs.getString("k"), rs.getLong("n"))).list();
	}
}
