package eu.pledge.serverlogs;

import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/**
 * One access log line: a JSON object on one line, fields always in this order, written by hand because it is
 * on every request's path (about a microsecond, no reflection). {@link LogFileHolder} relies on the exact
 * spelling of {@code "accountId":"…"} and {@code "clientIp":"…"} to find a person's lines cheaply.
 */
final class AccessLogLine {

	static final String ACCOUNT_ID = "accountId";
	static final String CLIENT_IP = "clientIp";
	static final String USER_AGENT = "userAgent";

	private AccessLogLine() {
	}

	static String of(RequestCompleted request) {
		StringBuilder line = new StringBuilder(320);
		line.append("{\"time\":\"");
		DateTimeFormatter.ISO_INSTANT.formatTo(request.time().truncatedTo(ChronoUnit.MILLIS), line);
		line.append('"');
		string(line, "method", request.method());
		string(line, "path", request.path());
		line.append(",\"status\":").append(request.status());
		line.append(",\"durationMs\":").append(request.duration().toNanos() / 1_000 / 1_000.0);
		line.append(",\"bytes\":").append(request.bytes());
		string(line, USER_AGENT, request.userAgent());
		string(line, CLIENT_IP, request.clientAddress());
		string(line, "requestId", request.requestId());
		string(line, ACCOUNT_ID, request.account() == null ? null : request.account().toString());
		return line.append('}').toString();
	}

	/** The exact text of a field as {@link #of} writes it, to find lines without parsing them. */
	static String field(String name, String value) {
		StringBuilder text = new StringBuilder();
		string(text, name, value);
		return text.substring(1);
	}

	private static void string(StringBuilder line, String name, String value) {
		line.append(",\"").append(name).append("\":");
		if (value == null) {
			line.append("null");
			return;
		}
		line.append('"');
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			switch (c) {
				case '"' -> line.append("\\\"");
				case '\\' -> line.append("\\\\");
				default -> {
					if (c < 0x20 || c == 0x7f || Character.isSurrogate(c) && !validSurrogate(value, i)) {
						line.append(String.format("\\u%04x", (int) c));
					}
					else {
						line.append(c);
					}
				}
			}
		}
		line.append('"');
	}

	private static boolean validSurrogate(String value, int i) {
		char c = value.charAt(i);
		if (Character.isHighSurrogate(c)) {
			return i + 1 < value.length() && Character.isLowSurrogate(value.charAt(i + 1));
		}
		return i > 0 && Character.isHighSurrogate(value.charAt(i - 1));
	}
}
