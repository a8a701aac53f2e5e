package eu.pledge.errors.ingest;

import java.net.URI;
import java.net.URISyntaxException;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Where Sentry SDKs put the DSN's public key: the {@code X-Sentry-Auth} header (or {@code Authorization})
 * {@code Sentry sentry_key=…, sentry_version=7, …}, the {@code sentry_key} query parameter, or the {@code dsn}
 * of an envelope's header. The query is read by hand: asking the servlet for a parameter could make it read
 * a form body.
 */
final class SentryAuth {

	private SentryAuth() {
	}

	static String key(HttpServletRequest request) {
		String key = fromHeader(request.getHeader("X-Sentry-Auth"));
		if (key == null) {
			key = fromHeader(request.getHeader("Authorization"));
		}
		return key != null ? key : fromQuery(request.getQueryString());
	}

	static String fromHeader(String header) {
		if (header == null) {
			return null;
		}
		String value = header.strip();
		if (!value.regionMatches(true, 0, "Sentry ", 0, 7)) {
			return null;
		}
		for (String part : value.substring(7).split(",")) {
			String pair = part.strip();
			if (pair.startsWith("sentry_key=")) {
				return blankToNull(pair.substring("sentry_key=".length()).strip());
			}
		}
		return null;
	}

	static String fromQuery(String query) {
		if (query == null) {
			return null;
		}
		for (String pair : query.split("&")) {
			if (pair.startsWith("sentry_key=")) {
				return blankToNull(java.net.URLDecoder.decode(pair.substring("sentry_key=".length()),
						java.nio.charset.StandardCharsets.UTF_8));
			}
		}
		return null;
	}

	/** The public key of {@code http(s)://<key>[:<secret>]@host/<projectId>}, or null. */
	static String keyOfDsn(String dsn) {
		if (dsn == null) {
			return null;
		}
		try {
			String userInfo = new URI(dsn).getRawUserInfo();
			return userInfo == null ? null : blankToNull(userInfo.split(":", 2)[0]);
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	private static String blankToNull(String value) {
		return value == null || value.isEmpty() ? null : value;
	}
}
