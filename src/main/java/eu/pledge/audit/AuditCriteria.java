package eu.pledge.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableTime;

/**
 * What a search asks for: the filters of the API and pages, parsed once, each bad value refused with the
 * parameter's name. {@code involving} limits the search to one person's own events (actor, target or mentioned).
 */
record AuditCriteria(UUID actor, String action, String targetType, String targetId, AuditEntry.Outcome outcome,
		Instant from, Instant to, Cursor cursor, int size, UUID involving) {

	static final int DEFAULT_SIZE = 50;
	static final int MAX_SIZE = 100;

	private static final Pattern CODE = Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}");
	private static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");

	/** Parses the request parameters; null or blank means "no filter". */
	static AuditCriteria parse(String actor, String action, String targetType, String targetId, String outcome,
			String from, String to, String cursor, String size) {
		Instant start = instant("from", from, false);
		Instant end = instant("to", to, true);
		if (start != null && end != null && !start.isBefore(end)) {
			throw Rejected.badRequest("to", "to must be later than from.");
		}
		return new AuditCriteria(uuid("actor", actor), code("action", action), code("targetType", targetType),
				matching("targetId", targetId, ID, "targetId must be an id (letters, digits, '.', '_', ':', '-')."),
				outcome(outcome), start, end, Cursor.parse(cursor), size(size), null);
	}

	/** The same filter restricted to the events whose actor or target is {@code me}, or that mention me. */
	AuditCriteria involving(AccountId me) {
		return new AuditCriteria(actor, action, targetType, targetId, outcome, from, to, cursor, size, me.value());
	}

	/** The query and its parameters; the period bounds let PostgreSQL skip whole partitions. */
	Sql toSql(String select, int periodDays) {
		StringBuilder where = new StringBuilder(" WHERE 1 = 1");
		Map<String, Object> params = new LinkedHashMap<>();
		condition(where, params, actor, " AND actor = :actor", "actor");
		condition(where, params, action, " AND action = :action", "action");
		condition(where, params, targetType, " AND target_type = :targetType", "targetType");
		condition(where, params, targetId, " AND target_id = :targetId", "targetId");
		condition(where, params, outcome == null ? null : outcome.name(), " AND outcome = :outcome", "outcome");
		if (involving != null) {
			where.append(" AND (actor = :me OR (target_type = 'account' AND target_id = :meText) OR mentioned = :me)");
			params.put("me", involving);
			params.put("meText", involving.toString());
		}
		if (from != null) {
			where.append(" AND occurred_at >= :from AND period >= :fromPeriod");
			params.put("from", AuditEvents.utc(from));
			params.put("fromPeriod", LocalDate.ofInstant(from, ZoneOffset.UTC).minusDays(periodDays - 1));
		}
		if (to != null) {
			where.append(" AND occurred_at < :to AND period <= :toPeriod");
			params.put("to", AuditEvents.utc(to));
			params.put("toPeriod", LocalDate.ofInstant(to, ZoneOffset.UTC));
		}
		if (cursor != null) {
			where.append(" AND (occurred_at < :cursorAt OR (occurred_at = :cursorAt AND id < :cursorId))"
					+ " AND period <= :cursorPeriod");
			params.put("cursorAt", AuditEvents.utc(cursor.occurredAt()));
			params.put("cursorId", cursor.id());
			params.put("cursorPeriod", LocalDate.ofInstant(cursor.occurredAt(), ZoneOffset.UTC));
		}
		params.put("limit", size + 1);
		return new Sql(select + where + " ORDER BY occurred_at DESC, id DESC LIMIT :limit", params);
	}

	record Sql(String text, Map<String, Object> params) {
	}

	/** Where the next page starts: after (occurred_at, id) of the last row shown. Opaque to clients. */
	record Cursor(Instant occurredAt, long id) {

		String encode() {
			long micros = occurredAt.getEpochSecond() * 1_000_000 + occurredAt.getNano() / 1_000;
			return Base64.getUrlEncoder().withoutPadding()
					.encodeToString(("1:" + micros + ":" + id).getBytes(StandardCharsets.US_ASCII));
		}

		static Cursor parse(String text) {
			if (text == null || text.isBlank()) {
				return null;
			}
			try {
				String[] parts = new String(Base64.getUrlDecoder().decode(text.strip()), StandardCharsets.US_ASCII)
						.split(":");
				if (text.length() > 100 || parts.length != 3 || !parts[0].equals("1")) {
					throw new IllegalArgumentException();
				}
				long micros = Long.parseLong(parts[1]);
				Instant at = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
				if (!StorableTime.contains(at)) {
					throw new IllegalArgumentException(); // no event of the trail lies there
				}
				return new Cursor(at, Long.parseLong(parts[2]));
			}
			catch (IllegalArgumentException | java.time.DateTimeException ex) {
				throw Rejected.badRequest("cursor", "cursor is not one this service handed out.");
			}
		}
	}

	private static void condition(StringBuilder where, Map<String, Object> params, Object value, String clause,
			String name) {
		if (value != null) {
			where.append(clause);
			params.put(name, value);
		}
	}

	private static UUID uuid(String name, String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return UUID.fromString(value.strip());
		}
		catch (IllegalArgumentException ex) {
			throw Rejected.badRequest(name, name + " must be an account id.");
		}
	}

	private static String code(String name, String value) {
		return matching(name, value, CODE, name + " must be a lower-case code such as login.failed or account.");
	}

	private static String matching(String name, String value, Pattern pattern, String message) {
		if (blank(value)) {
			return null;
		}
		if (!pattern.matcher(value.strip()).matches()) {
			throw Rejected.badRequest(name, message);
		}
		return value.strip();
	}

	private static AuditEntry.Outcome outcome(String value) {
		if (blank(value)) {
			return null;
		}
		try {
			return AuditEntry.Outcome.valueOf(value.strip().toUpperCase(Locale.ROOT));
		}
		catch (IllegalArgumentException ex) {
			throw Rejected.badRequest("outcome", "outcome must be SUCCESS, FAILURE or DENIED.");
		}
	}

	/**
	 * An ISO instant ({@code 2025-05-01T10:00:00Z}) or a date; a date as {@code to} includes that whole day. Within
	 * the range every database can compare with ({@link StorableTime}): PostgreSQL fails the whole query otherwise.
	 */
	private static Instant instant(String name, String value, boolean endOfDay) {
		if (blank(value)) {
			return null;
		}
		String text = value.strip();
		Instant instant;
		try {
			if (text.length() == 10) {
				LocalDate day = LocalDate.parse(text);
				instant = (endOfDay ? day.plusDays(1) : day).atStartOfDay(ZoneOffset.UTC).toInstant();
			}
			else {
				instant = java.time.OffsetDateTime.parse(text).toInstant();
			}
		}
		catch (DateTimeParseException ex) {
			throw Rejected.badRequest(name, name + " must be a date (2025-05-01) or a time (2025-05-01T10:00:00Z).");
		}
		// "to" a day ends at the next midnight: 9999-12-31 is in the range, though 10000-01-01 is not
		StorableTime.require(name, endOfDay && text.length() == 10 ? instant.minusMillis(1) : instant);
		return instant;
	}

	private static int size(String value) {
		if (blank(value)) {
			return DEFAULT_SIZE;
		}
		try {
			int size = Integer.parseInt(value.strip());
			if (size >= 1 && size <= MAX_SIZE) {
				return size;
			}
		}
		catch (NumberFormatException ex) {
			// refused below
		}
		throw Rejected.badRequest("size", "size must be a whole number from 1 to " + MAX_SIZE + ".");
	}

	private static boolean blank(String value) {
		return value == null || value.isBlank();
	}
}
