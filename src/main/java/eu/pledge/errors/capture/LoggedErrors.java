package eu.pledge.errors.capture;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.HandlerMapping;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.classic.spi.ThrowableProxy;

import eu.pledge.errors.tracker.ErrorEvent;
import eu.pledge.shared.AccountId;

/**
 * Turns one ERROR log event into an {@link ErrorEvent}, on the logging thread (where the request still is):
 * the exception chain with its frames, the message and its template, and of the request only its method,
 * route pattern, request id and the signed-in account id. Never the query, body, cookies or headers.
 */
final class LoggedErrors {

	static final String IN_APP_PREFIX = "eu.pledge.";
	private static final int MAX_CHAIN = 10;
	private static final int MAX_FRAMES = 200;

	private LoggedErrors() {
	}

	static ErrorEvent toEvent(ILoggingEvent log, String release, String environment, String serverName) {
		Throwable thrown = log.getThrowableProxy() instanceof ThrowableProxy proxy ? proxy.getThrowable() : null;
		List<ErrorEvent.ExceptionInfo> exceptions = thrown != null ? chain(thrown) : chain(log.getThrowableProxy());
		Map<String, String> mdc = log.getMDCPropertyMap();
		ErrorEvent.RequestInfo request = request(mdc == null ? null : mdc.get("requestId"));
		return new ErrorEvent(null, ErrorEvent.PLEDGE_PROJECT, Instant.ofEpochMilli(log.getTimeStamp()), "error", "java",
				exceptions, log.getFormattedMessage(), log.getMessage(), null, release, environment, serverName, request,
				account(), Map.of("logger", String.valueOf(log.getLoggerName()), "thread", String.valueOf(log.getThreadName())));
	}

	/** Outermost first, each with its frames innermost call last; cycles and very long chains cut. */
	static List<ErrorEvent.ExceptionInfo> chain(Throwable thrown) {
		List<ErrorEvent.ExceptionInfo> chain = new ArrayList<>();
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		for (Throwable t = thrown; t != null && seen.add(t) && chain.size() < MAX_CHAIN; t = t.getCause()) {
			chain.add(new ErrorEvent.ExceptionInfo(t.getClass().getName(), t.getMessage(), frames(t.getStackTrace())));
		}
		return chain;
	}

	private static List<ErrorEvent.ExceptionInfo> chain(IThrowableProxy proxy) {
		List<ErrorEvent.ExceptionInfo> chain = new ArrayList<>();
		for (IThrowableProxy p = proxy; p != null && chain.size() < MAX_CHAIN; p = p.getCause()) {
			StackTraceElement[] elements = new StackTraceElement[p.getStackTraceElementProxyArray().length];
			for (int i = 0; i < elements.length; i++) {
				elements[i] = p.getStackTraceElementProxyArray()[i].getStackTraceElement();
			}
			chain.add(new ErrorEvent.ExceptionInfo(p.getClassName(), p.getMessage(), frames(elements)));
		}
		return chain;
	}

	static List<ErrorEvent.Frame> frames(StackTraceElement[] stack) {
		List<ErrorEvent.Frame> frames = new ArrayList<>();
		int count = Math.min(stack.length, MAX_FRAMES);
		for (int i = count - 1; i >= 0; i--) {
			StackTraceElement element = stack[i];
			frames.add(new ErrorEvent.Frame(element.getClassName(), element.getMethodName(), element.getFileName(),
					element.getLineNumber() > 0 ? element.getLineNumber() : null,
					element.getClassName().startsWith(IN_APP_PREFIX)));
		}
		return frames;
	}

	private static ErrorEvent.RequestInfo request(String requestId) {
		RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
		if (!(attributes instanceof ServletRequestAttributes servlet)) {
			return requestId == null ? null : new ErrorEvent.RequestInfo(null, null, requestId);
		}
		HttpServletRequest request = servlet.getRequest();
		Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
		// without a matched pattern: the path alone (never the query), scrubbed like everything else
		String route = pattern != null ? pattern.toString() : request.getRequestURI();
		return new ErrorEvent.RequestInfo(request.getMethod(), route, requestId);
	}

	private static String account() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		try {
			return AccountId.from(authentication).toString();
		}
		catch (IllegalArgumentException ex) {
			return null; // not one of Pledge's accounts
		}
	}
}
