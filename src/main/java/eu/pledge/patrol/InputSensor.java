package eu.pledge.patrol;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The input detection point: after a request was answered, looks for injection payloads ({@link Payloads}) in
 * its path, its query and form parameters and its {@code User-Agent} and {@code Referer}. It never changes how the
 * request is handled (validation refuses what it refuses, as before), never reads a body a controller reads
 * (form parameters are taken only after the request was answered), never inspects a field that may hold a
 * password, code or key, and never keeps a value: the detection's detail is the kind and where ({@code sql q},
 * {@code xss header:user-agent}). One detection per request at most.
 * <p>
 * It also lends the request to the sensors for the filters further in that run before Spring's request context
 * does (the Sentry ingest), so that their facts get the client address too.
 */
class InputSensor implements Filter {

	private static final int MAX_PARAMETERS = 32;
	private static final int MAX_VALUES = 4;
	private static final Pattern SECRET = Pattern.compile(
			"(?i).*(pass|pwd|secret|token|key|code|otp|csrf|credential|auth|pin).*");
	private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.\\-\\[\\]]{1,40}");

	private final Patrol patrol;
	private final Clock clock;

	InputSensor(Patrol patrol, Clock clock) {
		this.patrol = patrol;
		this.clock = clock;
	}

	@Override
	public void doFilter(ServletRequest servletRequest, ServletResponse response, FilterChain chain)
			throws IOException, ServletException {
		HttpServletRequest request = (HttpServletRequest) servletRequest;
		boolean lent = RequestContextHolder.getRequestAttributes() == null;
		if (lent) {
			RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		}
		try {
			chain.doFilter(servletRequest, response);
		}
		finally {
			if (lent) {
				RequestContextHolder.resetRequestAttributes();
			}
			inspect(request);
		}
	}

	private void inspect(HttpServletRequest request) {
		try {
			String found = find(request);
			if (found != null) {
				patrol.report(new Detection(Point.INPUT_PAYLOAD, request.getRemoteAddr(), null, Detection.PLEDGE, found,
						clock.instant()));
			}
		}
		catch (RuntimeException ex) {
			// a request whose parameters cannot even be parsed was answered 400 already; nothing to add
		}
	}

	/** "kind where" of the first payload found, or null. */
	static String find(HttpServletRequest request) {
		String path = request.getRequestURI();
		String kind = Payloads.kind(path);
		if (kind == null && path != null && path.indexOf('%') >= 0) {
			kind = Payloads.kind(decoded(path));
		}
		if (kind != null) {
			return kind + " path";
		}
		for (String header : new String[] { "User-Agent", "Referer" }) {
			kind = Payloads.kind(request.getHeader(header));
			if (kind != null) {
				return kind + " header:" + header.toLowerCase(java.util.Locale.ROOT);
			}
		}
		Iterator<Map.Entry<String, String[]>> parameters = request.getParameterMap().entrySet().iterator();
		for (int n = 0; n < MAX_PARAMETERS && parameters.hasNext(); n++) {
			Map.Entry<String, String[]> parameter = parameters.next();
			if (SECRET.matcher(parameter.getKey()).matches()) {
				continue; // never a password, a one-time code or a key, whatever it holds
			}
			String[] values = parameter.getValue();
			for (int i = 0; i < Math.min(MAX_VALUES, values.length); i++) {
				kind = Payloads.kind(values[i]);
				if (kind != null) {
					return kind + " " + (PLAIN_NAME.matcher(parameter.getKey()).matches() ? parameter.getKey() : "?");
				}
			}
		}
		return null;
	}

	private static String decoded(String path) {
		try {
			String bounded = path.length() > Payloads.INSPECTED ? path.substring(0, Payloads.INSPECTED) : path;
			return URLDecoder.decode(bounded.replace("+", "%2B"), StandardCharsets.UTF_8);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}
}
