package eu.pledge.shared;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * At most {@code max} alert mails per window and channel, the rest held for one digest at the window's end, so an
 * attack or a broken deploy sends a few mails and not thousands. Shared by Secure Patrol and Codana. The state is
 * in the database, and the channel's row is locked while an alert is admitted: the cap holds with forty alerts at
 * once on every node sharing it. Both methods run in the caller's transaction (which must be read-write), so an
 * alert admitted by a transaction that rolls back was never sent, and a digest taken is mailed in the same commit.
 * A window starts with the first alert after the last one ended; a held line must name no person.
 */
@Repository
public class AlertThrottle {

	/** What ended windows held back: their lines, oldest first, by the instant the window ended. */
	public record Digest(Instant windowEndedAt, List<String> lines) {
	}

	// ON CONFLICT DO NOTHING: a duplicate key would abort a PostgreSQL transaction; the lock below then waits.
	private static final String CREATE = """
			INSERT INTO alert_windows (channel, ends_at, sent) VALUES (:channel, :now, 0) ON CONFLICT DO NOTHING""";
	private static final String LOCK = "SELECT ends_at, sent FROM alert_windows WHERE channel = :channel FOR UPDATE";
	private static final String OPEN = "UPDATE alert_windows SET ends_at = :ends, sent = 1 WHERE channel = :channel";
	private static final String SENT = "UPDATE alert_windows SET sent = sent + 1 WHERE channel = :channel";
	private static final String HOLD = """
			INSERT INTO alert_held (channel, window_ends_at, line) VALUES (:channel, :ends, :line)""";
	private static final String ENDED = """
			SELECT window_ends_at, line FROM alert_held WHERE channel = :channel AND window_ends_at <= :now
			ORDER BY window_ends_at, id""";
	private static final String TAKE = "DELETE FROM alert_held WHERE channel = :channel AND window_ends_at <= :now";
	private static final String ALL = "SELECT window_ends_at, line FROM alert_held WHERE channel = :channel ORDER BY window_ends_at, id";
	private static final String TAKE_ALL = "DELETE FROM alert_held WHERE channel = :channel";

	private final JdbcClient jdbc;

	AlertThrottle(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/**
	 * Counts one alert on {@code channel}: true when it may be mailed now, false when the window's cap is reached
	 * and {@code line} was held for the digest.
	 */
	public boolean admit(String channel, int max, Duration window, String line, Instant at) {
		Instant now = at.truncatedTo(ChronoUnit.MICROS);
		Map<String, Object> params = Map.of("channel", channel, "now", ts(now));
		jdbc.sql(CREATE).params(params).update();
		Object[] state = jdbc.sql(LOCK).params(params).query((rs, n) -> new Object[] {
				rs.getObject("ends_at", OffsetDateTime.class).toInstant(), rs.getInt("sent") }).single();
		Instant endsAt = (Instant) state[0];
		if (!now.isBefore(endsAt)) {
			jdbc.sql(OPEN).param("channel", channel).param("ends", ts(now.plus(window))).update();
			return max > 0 || hold(channel, now.plus(window), line);
		}
		if ((int) state[1] < max) {
			jdbc.sql(SENT).param("channel", channel).update();
			return true;
		}
		return hold(channel, endsAt, line);
	}

	/**
	 * Takes the lines held in the channel's windows that ended by {@code now}, one digest per window. Two nodes
	 * asking at once: one gets them, the other an empty list (the second DELETE waits for the first's commit).
	 */
	public List<Digest> takeEnded(String channel, Instant now) {
		return take(channel, now, ENDED, TAKE);
	}

	/**
	 * Takes every line held on the channel, whether its window ended or not: for a channel that mails its digest on
	 * a schedule of its own. The window's count stands, so alerts after it are still held until the window ends.
	 */
	public List<Digest> takeAll(String channel, Instant now) {
		return take(channel, now, ALL, TAKE_ALL);
	}

	private List<Digest> take(String channel, Instant now, String select, String delete) {
		Map<String, Object> params = Map.of("channel", channel, "now", ts(now.truncatedTo(ChronoUnit.MICROS)));
		jdbc.sql(CREATE).params(params).update();
		jdbc.sql(LOCK).params(params).query((rs, n) -> n).list(); // serialises with admit() and other nodes
		Map<Instant, List<String>> windows = new LinkedHashMap<>();
		jdbc.sql(select).params(params).query((rs, n) -> windows
				.computeIfAbsent(rs.getObject("window_ends_at", OffsetDateTime.class).toInstant(), k -> new ArrayList<>())
				.add(rs.getString("line"))).list();
		if (windows.isEmpty()) {
			return List.of();
		}
		jdbc.sql(delete).params(params).update();
		return windows.entrySet().stream().map(e -> new Digest(e.getKey(), List.copyOf(e.getValue()))).toList();
	}

	private boolean hold(String channel, Instant windowEndsAt, String line) {
		String cut = line.length() > 300 ? line.substring(0, 299) + "…" : line;
		jdbc.sql(HOLD).param("channel", channel).param("ends", ts(windowEndsAt)).param("line", cut).update();
		return false;
	}

	private static OffsetDateTime ts(Instant instant) {
		return instant.atOffset(ZoneOffset.UTC);
	}
}
