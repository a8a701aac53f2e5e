package eu.pledge.web;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import tools.jackson.databind.JsonNode;

/**
 * Bad input made from an OpenAPI document: for each operation an odd path, odd query values and a body that
 * is a plausible one with one thing broken (a field missing, null, of the wrong type, an odd string or
 * number), or no plausible body at all (malformed JSON, 2,000 levels of nesting, an array for an object).
 * Everything comes from one {@link Random}, so a seed replays a run.
 */
final class BadInputGenerator {

	/** Odd path ids, URL-encoded as sent; "" makes a double slash. */
	static final List<String> ODD_IDS = List.of("", "0", "-1", "1.5", "99999999999999999999999999", "9223372036854775808",
			"..", "%2e%2e", "%00", "a%00b", "x".repeat(1000), "00000000-0000-0000-0000-00000000000g",
			"00000000-0000-0000-0000-000000000000", "ffffffff-ffff-ffff-ffff-ffffffffffff-ff", "null", "undefined",
			"%20", "%E2%80%8F%D7%A9", "%F0%9F%92%A3", "%C3%BC%E6%BC%A2", "1e10", "0x10", "%27%20OR%201%3D1", "%3Cscript%3E");

	static final List<Object> ODD_STRINGS = List.of("", " ", "a\u0000b", "a\ud800b", "\udc00", "a\u0007b",
			"\u200f\u05e9\u05dc\u05d5\u05dd\u200f", "x".repeat(70_000), "y".repeat(5_000), "\ud83d\udca3", "../../etc/passwd",
			"' OR 1=1 --", "<script>alert(1)</script>", "%00", "\r\n", "null", "-1", "9999-99-99",
			"+999999999-12-31T23:59:59Z", "-4800-01-01T00:00:00Z", "1969-12-31T23:59:59Z", "2026-13-45T99:00:00Z");

	static final List<Object> ODD_NUMBERS = List.of(-1, 0, Long.MAX_VALUE, Long.MIN_VALUE, 2.5, 1e308, -1e308,
			new java.math.BigInteger("1" + "0".repeat(400)), new java.math.BigDecimal("1e-400"));

	static final List<String> ODD_QUERY = List.of("", "%00", "a%00b", "-1", "0", "2.5", "99999999999999999999999999",
			"true", "null", "x".repeat(1000), "%E2%80%8F", "%ED%A0%80", "%F0%9F%92%A3",
			"%2B999999999-12-31T23%3A59%3A59Z", "-4800-01-01", "1969-12-31T23%3A59%3A59Z", "2026-13-45", "%5B%5D",
			"%7B%7D", "a,b,c", "%27%20OR%201%3D1");

	static final List<String> MALFORMED = List.of("{", "}", "[", "{\"a\":", "{'a': 1}", "nul", "tru", "{\"a\" 1}",
			"{\"a\":1,}", "[1,2,,]", "\u0000", "{\"a\":\"\\uZZZZ\"}", "{\"a\":01}", "{} {}", "\"unterminated",
			"{\"a\":NaN}", "{\"a\":1e999999999}", "\ufeff{}", "<xml/>", "a=1&b=2");

	record Operation(String method, String template, List<String> pathParameters, List<String> queryParameters,
			JsonNode body) {

		@Override
		public String toString() {
			return method + " " + template;
		}
	}

	/** A body to send and what it is; {@code field} is the one field broken, if one was. */
	record Body(String text, String kind, String field) {
	}

	private final JsonNode document;
	private final Random random;

	BadInputGenerator(JsonNode document, Random random) {
		this.document = document;
		this.random = random;
	}

	List<Operation> operations() {
		List<Operation> operations = new ArrayList<>();
		for (Map.Entry<String, JsonNode> path : document.get("paths").properties()) {
			for (Map.Entry<String, JsonNode> method : path.getValue().properties()) {
				JsonNode operation = method.getValue();
				List<String> pathParameters = new ArrayList<>();
				List<String> queryParameters = new ArrayList<>();
				if (operation.has("parameters")) {
					for (JsonNode parameter : operation.get("parameters")) {
						String in = parameter.get("in").asString();
						(in.equals("path") ? pathParameters : queryParameters).add(parameter.get("name").asString());
					}
				}
				JsonNode body = operation.at("/requestBody/content/application~1json/schema");
				operations.add(new Operation(method.getKey().toUpperCase(), path.getKey(), pathParameters, queryParameters,
						body.isMissingNode() ? null : resolve(body)));
			}
		}
		return operations;
	}

	/** A path to send; {@code odd}: some variable is an odd id rather than a real one. */
	record Path(String path, boolean odd) {
	}

	/** The path with each variable an odd id, or (when {@code known} has one for it) often a real one. */
	Path path(Operation operation, Map<String, String> known) {
		return path(operation, known, random::nextBoolean);
	}

	/** The path with each variable a real id where {@code known} has one for it, else an odd one. */
	Path realPath(Operation operation, Map<String, String> known) {
		return path(operation, known, () -> true);
	}

	private Path path(Operation operation, Map<String, String> known, java.util.function.BooleanSupplier real) {
		String path = operation.template();
		boolean odd = false;
		for (String name : operation.pathParameters()) {
			String before = path.substring(0, path.indexOf("{" + name + "}"));
			String segment = before.substring(before.lastIndexOf('/', before.length() - 2) + 1, before.length() - 1);
			String id = known.get(segment);
			boolean useReal = id != null && real.getAsBoolean();
			odd |= !useReal;
			path = path.replace("{" + name + "}", useReal ? id : pick(ODD_IDS));
		}
		return new Path(path, odd);
	}

	/** The body the schema describes, well formed (every property, the first of each enumeration). */
	Body plausibleBody(Operation operation) {
		return new Body(StorableInputFixture.json(plausible(operation.body(), 0)), "a plausible body", null);
	}

	/** Each query parameter present or not, with an odd value, sometimes twice. */
	String query(Operation operation) {
		List<String> pairs = new ArrayList<>();
		for (String name : operation.queryParameters()) {
			if (random.nextInt(3) > 0) {
				pairs.add(name + "=" + pick(ODD_QUERY));
			}
			if (random.nextInt(8) == 0) {
				pairs.add(name + "=" + pick(ODD_QUERY));
			}
		}
		return pairs.isEmpty() ? "" : "?" + String.join("&", pairs);
	}

	Body body(Operation operation) {
		JsonNode schema = operation.body() == null ? objectSchema() : operation.body();
		Object plausible = plausible(schema, 0);
		int choice = random.nextInt(12);
		if (choice == 0) {
			return new Body(pick(MALFORMED), "malformed JSON", null);
		}
		if (choice == 1) {
			return new Body("{\"a\":".repeat(2000) + "1" + "}".repeat(2000), "2,000 levels of nesting", null);
		}
		if (choice == 2) {
			return new Body("[".repeat(2000) + "]".repeat(2000), "2,000 nested arrays", null);
		}
		if (choice == 3) {
			return new Body(StorableInputFixture.json(List.of(plausible)), "an array for the body", null);
		}
		if (choice == 4) {
			return new Body(StorableInputFixture.json(pick(List.of("text", 42, true, ODD_STRINGS.get(2)))), "a scalar body", null);
		}
		if (!(plausible instanceof Map<?, ?>)) {
			return new Body(StorableInputFixture.json(plausible), "a plausible body", null);
		}
		@SuppressWarnings("unchecked")
		Map<String, Object> body = (Map<String, Object>) plausible;
		List<String> fields = new ArrayList<>();
		leaves(body, "", fields);
		if (fields.isEmpty()) {
			body.put("unexpected", pick(ODD_STRINGS));
			return new Body(StorableInputFixture.json(body), "an unexpected field", null);
		}
		String field = pick(fields);
		return switch (choice) {
			case 5 -> mutated(body, field, REMOVE, "missing " + field);
			case 6 -> mutated(body, field, null, "null " + field);
			case 7, 8 -> mutated(body, field, pick(ODD_STRINGS), "an odd string in " + field);
			case 9 -> mutated(body, field, pick(ODD_NUMBERS), "an odd number in " + field);
			case 10 -> mutated(body, field, pick(List.of(List.of(1, "a"), Map.of("a", 1), true, List.of())), "a wrong type in " + field);
			default -> {
				Body marked = mutated(body, field, NESTED, "deep nesting in " + field);
				yield new Body(marked.text().replace("\"" + NESTED + "\"", "[".repeat(2000) + "]".repeat(2000)), marked.kind(), field);
			}
		};
	}

	private static final Object REMOVE = new Object();
	/** Stands for 2,000 nested arrays, put into the text after writing (Jackson writes 500 levels at most). */
	private static final String NESTED = "fuzz-nested-2000";

	@SuppressWarnings("unchecked")
	private Body mutated(Map<String, Object> body, String field, Object value, String kind) {
		Map<String, Object> target = body;
		String[] parts = field.split("\\.");
		for (int i = 0; i < parts.length - 1; i++) {
			target = (Map<String, Object>) target.get(parts[i]);
		}
		if (value == REMOVE) {
			target.remove(parts[parts.length - 1]);
		}
		else {
			target.put(parts[parts.length - 1], value);
		}
		return new Body(StorableInputFixture.json(body), kind, field);
	}

	@SuppressWarnings("unchecked")
	private static void leaves(Map<String, Object> map, String prefix, List<String> into) {
		map.forEach((key, value) -> {
			into.add(prefix + key);
			if (value instanceof Map<?, ?> nested) {
				leaves((Map<String, Object>) nested, prefix + key + ".", into);
			}
		});
	}

	/** A value the schema describes: every property, the first of an enumeration, a well-formed string. */
	private Object plausible(JsonNode schema, int depth) {
		schema = resolve(schema);
		if (schema.has("enum")) {
			return schema.get("enum").get(0).asString();
		}
		String type = schema.path("type").asString("object");
		return switch (type) {
			case "string" -> string(schema.path("format").asString(""));
			case "integer" -> 1;
			case "number" -> 1.0;
			case "boolean" -> true;
			case "array" -> depth > 4 ? List.of() : List.of(plausible(schema.path("items"), depth + 1));
			default -> {
				Map<String, Object> object = new LinkedHashMap<>();
				if (depth <= 4 && schema.has("properties")) {
					for (Map.Entry<String, JsonNode> property : schema.get("properties").properties()) {
						object.put(property.getKey(), plausible(property.getValue(), depth + 1));
					}
				}
				if (depth <= 4 && schema.path("additionalProperties").isObject()) {
					object.put("key", plausible(schema.get("additionalProperties"), depth + 1));
				}
				yield object;
			}
		};
	}

	private Object string(String format) {
		return switch (format) {
			case "uuid" -> UUID.randomUUID().toString();
			case "date-time" -> Instant.now().plusSeconds(86_400).toString();
			case "date" -> LocalDate.now().plusDays(1).toString();
			case "email" -> "fuzz-" + random.nextInt(1_000_000) + "@example.org";
			default -> "fuzz";
		};
	}

	private JsonNode resolve(JsonNode schema) {
		for (int i = 0; i < 10 && schema.has("$ref"); i++) {
			String name = schema.get("$ref").asString().substring("#/components/schemas/".length());
			schema = document.path("components").path("schemas").path(name);
		}
		if (schema.has("allOf") && schema.get("allOf").size() == 1) {
			return resolve(schema.get("allOf").get(0));
		}
		return schema;
	}

	private JsonNode objectSchema() {
		return tools.jackson.databind.json.JsonMapper.builder().build().readTree("{\"type\":\"object\"}");
	}

	<T> T pick(List<T> values) {
		return values.get(random.nextInt(values.size()));
	}
}
