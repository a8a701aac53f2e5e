package eu.pledge.errors.ingest;

import java.util.ArrayList;
import java.util.List;

import org.springframework.http.HttpStatus;

import eu.pledge.shared.Rejected;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Reads a Sentry envelope: a JSON header line, then items, each a JSON header line and a payload that is
 * either {@code length} bytes long or runs to the end of its line
 * (<a href="https://develop.sentry.dev/sdk/data-model/envelopes/">the format</a>). Payloads are kept as
 * bytes; only the items the ingest uses are parsed as JSON.
 */
final class Envelopes {

	private Envelopes() {
	}

	record Envelope(JsonNode header, List<Item> items) {

		@Override
		public String toString() {
			return "Envelope[items=" + items.size() + "]"; // the header carries the DSN key
		}
	}

	record Item(String type, byte[] body, int offset, int length) {
	}

	static Envelope read(ObjectMapper json, byte[] body) {
		int[] position = { 0 };
		JsonNode header = headerLine(json, body, position, "envelope header");
		List<Item> items = new ArrayList<>();
		while (position[0] < body.length) {
			if (body[position[0]] == '\n' || body[position[0]] == '\r') {
				position[0]++; // blank lines between items, and a trailing newline
				continue;
			}
			JsonNode itemHeader = headerLine(json, body, position, "item header");
			String type = SentryEvents.text(itemHeader.get("type"));
			JsonNode declared = itemHeader.get("length");
			int start = position[0];
			int length;
			if (declared != null && declared.isIntegralNumber()) {
				long value = declared.longValue();
				if (value < 0 || value > body.length - start) {
					throw new Rejected(HttpStatus.BAD_REQUEST, "An envelope item is shorter than the length it declares.");
				}
				length = (int) value;
			}
			else {
				length = lineEnd(body, start) - start;
			}
			items.add(new Item(type == null ? "" : type, body, start, length));
			position[0] = start + length;
		}
		return new Envelope(header, items);
	}

	private static JsonNode headerLine(ObjectMapper json, byte[] body, int[] position, String what) {
		int start = position[0];
		int end = lineEnd(body, start);
		position[0] = Math.min(body.length, end + 1);
		try {
			JsonNode node = json.readTree(body, start, end - start);
			if (node != null && node.isObject()) {
				return node;
			}
		}
		catch (JacksonException ex) {
			// answered below
		}
		throw new Rejected(HttpStatus.BAD_REQUEST, "The " + what + " is not a JSON object on one line.");
	}

	private static int lineEnd(byte[] body, int from) {
		for (int i = from; i < body.length; i++) {
			if (body[i] == '\n') {
				return i;
			}
		}
		return body.length;
	}
}
