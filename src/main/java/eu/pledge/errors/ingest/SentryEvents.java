package eu.pledge.errors.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.http.HttpStatus;

import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableTime;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a Sentry event (the JSON of a {@code store} request or an envelope's {@code event} item) into an
 * {@link ErrorEvent}. Lenient like Sentry: unknown fields are ignored, odd values are dropped or defaulted,
 * long ones are cut; only a body that is no JSON object or an event id that is no id is refused. Of the user
 * only the id is kept (never email, IP address or name); of the request only method and path (no query,
 * headers, cookies or body); contexts, extra and breadcrumbs are not taken.
 */
final class SentryEvents {

	static final int MAX_EXCEPTIONS = 20;
	static final int MAX_FRAMES = 250;
	static final int MAX_TEXT = 8192;
	static final int MAX_SHORT = 200;
	static final int MAX_TAGS = 100;

	private static final Pattern EVENT_ID = Pattern.compile("[0-9a-f]{32}");
	private static final Pattern SCHEME_AND_HOST = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*://[^/]*");
	private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info", "debug");

	/** The members of an event that {@link #parse} reads; {@link #read} builds no tree for the others. */
	static final Set<String> TAKEN = Set.of("event_id", "timestamp", "level", "platform", "exception", "logentry",
			"message", "fingerprint", "release", "environment", "server_name", "request", "user", "tags");

	private SentryEvents() {
	}

	/**
	 * Reads an event's JSON, keeping only the members {@link #parse} takes: SDKs send much that is not kept
	 * (contexts, breadcrumbs, modules, threads, debug images, extra), which is skipped over without being
	 * turned into a tree. Anything that is no JSON object is read whole, for {@link #parse} to refuse.
	 *
	 * @throws Rejected (400) when the bytes are not one valid JSON value
	 */
	static JsonNode read(ObjectMapper json, byte[] body, int offset, int length) {
		try (JsonParser parser = json.createParser(body, offset, length)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				return json.readTree(body, offset, length);
			}
			ObjectNode event = json.createObjectNode();
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				parser.nextToken();
				if (TAKEN.contains(name)) {
					event.set(name, (JsonNode) parser.readValueAsTree());
				}
				else {
					parser.skipChildren();
				}
			}
			if (parser.nextToken() != null) {
				throw new Rejected(HttpStatus.BAD_REQUEST, "The event is not valid JSON.");
			}
			return event;
		}
		catch (JacksonException ex) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "The event is not valid JSON.");
		}
	}

	static ErrorEvent parse(JsonNode event, String envelopeEventId, long projectId, Instant now) {
		if (event == null || !event.isObject()) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "The event must be a JSON object.");
		}
		String eventId = eventId(text(event.get("event_id")), envelopeEventId);
		Message message = message(event);
		Map<String, String> tags = tags(event.get("tags"));
		return new ErrorEvent(eventId, projectId, timestamp(event.get("timestamp"), now), level(text(event.get("level"))),
				cut(orDefault(text(event.get("platform")), "other"), 64), exceptions(event.get("exception")),
				message.formatted(), message.template(), fingerprint(event.get("fingerprint")),
				cut(text(event.get("release")), MAX_SHORT), cut(orDefault(text(event.get("environment")), "production"), 64),
				cut(text(event.get("server_name")), MAX_SHORT), request(event.get("request"), tags),
				userId(event.get("user")), tags);
	}

	/** 32 lower-case hex characters; a UUID with dashes is accepted, none at all gets a fresh one. */
	static String eventId(String given, String fallback) {
		String id = given != null ? given : fallback;
		if (id == null || id.isBlank()) {
			return UUID.randomUUID().toString().replace("-", "");
		}
		String normalized = id.replace("-", "").toLowerCase(Locale.ROOT);
		if (!EVENT_ID.matcher(normalized).matches()) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "event_id",
					"The event_id must be 32 hexadecimal characters (a UUID).");
		}
		return normalized;
	}

	/**
	 * Seconds since the epoch (with fraction) or an ISO 8601 date-time (UTC when it names no offset). Sentry
	 * replaces a timestamp it cannot read with the time of receipt; so does Pledge, and with one outside the years
	 * 1970 to 9999 too ({@link StorableTime}): PostgreSQL would refuse to store the event, after its sender was
	 * told it arrived.
	 */
	static Instant timestamp(JsonNode node, Instant now) {
		Instant read = null;
		try {
			if (node != null && node.isNumber()) {
				double seconds = node.asDouble();
				if (Double.isFinite(seconds) && seconds > 0 && seconds < 32_503_680_000d) {
					long whole = (long) Math.floor(seconds);
					read = Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1_000_000) * 1000);
				}
			}
			else if (node != null && node.isString()) {
				String text = node.stringValue().trim();
				try {
					read = OffsetDateTime.parse(text).toInstant();
				}
				catch (DateTimeParseException ex) {
					read = LocalDateTime.parse(text).toInstant(ZoneOffset.UTC);
				}
			}
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			// unreadable: the time of receipt
		}
		return StorableTime.contains(read) ? read : now;
	}

	static String level(String level) {
		if (level == null) {
			return "error";
		}
		String lower = level.toLowerCase(Locale.ROOT);
		return switch (lower) {
			case "warn" -> "warning";
			case "critical" -> "fatal";
			case "log" -> "info";
			default -> LEVELS.contains(lower) ? lower : "error";
		};
	}

	/** Sentry lists the chain innermost (the cause) last; {@link ErrorEvent} wants the outermost first. */
	private static List<ErrorEvent.ExceptionInfo> exceptions(JsonNode exception) {
		JsonNode values = exception != null && exception.isObject() ? exception.get("values") : exception;
		if (values == null || !values.isArray()) {
			return List.of();
		}
		List<ErrorEvent.ExceptionInfo> chain = new ArrayList<>();
		for (JsonNode value : values) {
			if (!value.isObject()) {
				continue;
			}
			String type = text(value.get("type"));
			String module = text(value.get("module"));
			if (type != null && module != null && !type.contains(".")) {
				type = module + "." + type;
			}
			JsonNode stacktrace = value.get("stacktrace");
			chain.add(new ErrorEvent.ExceptionInfo(cut(type, MAX_SHORT), cut(text(value.get("value")), MAX_TEXT),
					frames(stacktrace != null ? stacktrace.get("frames") : null)));
		}
		List<ErrorEvent.ExceptionInfo> outermostFirst = new ArrayList<>(chain);
		java.util.Collections.reverse(outermostFirst);
		return outermostFirst.size() > MAX_EXCEPTIONS ? outermostFirst.subList(0, MAX_EXCEPTIONS) : outermostFirst;
	}

	/** Frames stay in Sentry's order (innermost call last); of a very deep stack the innermost calls are kept. */
	private static List<ErrorEvent.Frame> frames(JsonNode frames) {
		if (frames == null || !frames.isArray()) {
			return List.of();
		}
		List<ErrorEvent.Frame> result = new ArrayList<>();
		int skip = Math.max(0, frames.size() - MAX_FRAMES);
		for (JsonNode frame : frames) {
			if (skip-- > 0 || !frame.isObject()) {
				continue;
			}
			JsonNode line = frame.get("lineno");
			Integer lineno = line != null && line.isIntegralNumber() && line.canConvertToInt() ? line.intValue() : null;
			JsonNode inApp = frame.get("in_app");
			result.add(new ErrorEvent.Frame(cut(text(frame.get("module")), MAX_SHORT),
					cut(text(frame.get("function")), MAX_SHORT),
					cut(orDefault(text(frame.get("filename")), text(frame.get("abs_path"))), MAX_SHORT), lineno,
					inApp != null && inApp.isBoolean() && inApp.booleanValue()));
		}
		return result;
	}

	record Message(String formatted, String template) {
	}

	/**
	 * {@code logentry} (or the older {@code message} object): {@code formatted} is what a person reads,
	 * {@code message} the template when {@code params} fill it; a plain string {@code message} is both.
	 */
	static Message message(JsonNode event) {
		JsonNode entry = event.get("logentry");
		if (entry == null || !entry.isObject()) {
			entry = event.get("message");
		}
		if (entry != null && entry.isObject()) {
			String template = text(entry.get("message"));
			String formatted = text(entry.get("formatted"));
			JsonNode params = entry.get("params");
			boolean parameterized = params != null && !params.isEmpty();
			if (formatted == null) {
				formatted = template;
			}
			return new Message(cut(formatted, MAX_TEXT),
					parameterized || (template != null && !template.equals(formatted)) ? cut(template, MAX_TEXT) : null);
		}
		return new Message(cut(text(entry), MAX_TEXT), null);
	}

	/** Sentry's {@code {{ default }}} alone means "group as usual". */
	private static List<String> fingerprint(JsonNode node) {
		if (node == null || !node.isArray()) {
			return List.of();
		}
		List<String> parts = new ArrayList<>();
		for (JsonNode part : node) {
			String text = text(part);
			if (text != null && parts.size() < 50) {
				parts.add(cut(text, MAX_SHORT));
			}
		}
		return parts.equals(List.of("{{ default }}")) || parts.equals(List.of("{{default}}")) ? List.of() : parts;
	}

	/** The method and path of the URL; never its query, fragment, headers, cookies or body. */
	private static ErrorEvent.RequestInfo request(JsonNode request, Map<String, String> tags) {
		if (request == null || !request.isObject()) {
			return null;
		}
		String method = text(request.get("method"));
		String url = text(request.get("url"));
		String path = null;
		if (url != null) {
			path = SCHEME_AND_HOST.matcher(url).replaceFirst("");
			int end = indexOfAny(path, '?', '#');
			path = end >= 0 ? path.substring(0, end) : path;
			path = path.isEmpty() ? "/" : path;
		}
		String requestId = null;
		JsonNode headers = request.get("headers");
		if (headers != null && headers.isObject()) {
			for (Map.Entry<String, JsonNode> header : headers.properties()) {
				if (header.getKey().equalsIgnoreCase("X-Request-Id")) {
					requestId = text(header.getValue());
				}
			}
		}
		if (requestId == null) {
			requestId = tags.get("request_id");
		}
		if (method == null && path == null && requestId == null) {
			return null;
		}
		return new ErrorEvent.RequestInfo(cut(method == null ? null : method.toUpperCase(Locale.ROOT), 16),
				cut(path, MAX_SHORT), cut(requestId, 64));
	}

	private static String userId(JsonNode user) {
		return user != null && user.isObject() ? cut(text(user.get("id")), MAX_SHORT) : null;
	}

	/** Tags as an object ({@code {"k": "v"}}) or as pairs ({@code [["k", "v"]]}), both of which SDKs send. */
	static Map<String, String> tags(JsonNode node) {
		Map<String, String> tags = new LinkedHashMap<>();
		if (node != null && node.isObject()) {
			for (Map.Entry<String, JsonNode> tag : node.properties()) {
				put(tags, tag.getKey(), text(tag.getValue()));
			}
		}
		else if (node != null && node.isArray()) {
			for (JsonNode pair : node) {
				if (pair.isArray() && pair.size() == 2) {
					put(tags, text(pair.get(0)), text(pair.get(1)));
				}
			}
		}
		return tags;
	}

	private static void put(Map<String, String> tags, String key, String value) {
		if (key != null && value != null && !key.isBlank() && tags.size() < MAX_TAGS) {
			tags.put(cut(key, MAX_SHORT), cut(value, MAX_SHORT));
		}
	}

	/** A string, number or boolean as text; anything else (objects, arrays, null) as null. */
	static String text(JsonNode node) {
		if (node == null || node.isNull() || node.isContainer()) {
			return null;
		}
		return node.isString() ? node.stringValue() : node.asString();
	}

	private static String orDefault(String value, String fallback) {
		return value == null || value.isBlank() ? fallback : value;
	}

	private static String cut(String value, int max) {
		return value == null || value.length() <= max ? value : value.substring(0, max);
	}

	private static int indexOfAny(String text, char a, char b) {
		int i = text.indexOf(a);
		int j = text.indexOf(b);
		return i < 0 ? j : j < 0 ? i : Math.min(i, j);
	}
}
