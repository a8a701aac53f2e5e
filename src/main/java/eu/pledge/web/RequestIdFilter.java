package eu.pledge.web;

import java.io.IOException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.MDC;

import eu.pledge.shared.RequestFilter;

/**
 * Gives every request an id: the response header {@code X-Request-Id} and the logging MDC key
 * {@code requestId}, which log lines and the audit trail carry, so a person's report, a log line and an audit
 * event can be matched. A client's (or proxy's) {@code X-Request-Id} is kept only when it is a short token of
 * safe characters: anything else could smuggle text, or personal data, into logs and the audit trail.
 */
class RequestIdFilter extends RequestFilter {

	static final String HEADER = "X-Request-Id";
	static final String MDC_KEY = "requestId";

	private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._-]{8,64}");
	private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String given = request.getHeader(HEADER);
		String id = given != null && SAFE.matcher(given).matches() ? given : generate();
		response.setHeader(HEADER, id);
		MDC.put(MDC_KEY, id);
		try {
			chain.doFilter(request, response);
		}
		finally {
			MDC.remove(MDC_KEY);
		}
	}

	/** 20 random base-36 characters (~103 bits): unique enough to find, meaningless otherwise. */
	private static String generate() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		char[] id = new char[20];
		for (int i = 0; i < id.length; i++) {
			id[i] = ALPHABET[random.nextInt(ALPHABET.length)];
		}
		return new String(id);
	}
}
