package eu.pledge.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpMethod;
import org.springframework.http.server.PathContainer;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Who may call a request, decided by the first of the ordered {@link Rule rules} whose method and path pattern
 * match it — what Spring Security's rule list decides, without walking the list. Every request called each of the
 * ~250 rules' matchers in turn until one matched (a tenth of an authenticated request's CPU,
 * docs/PERFORMANCE.md); here the rules are indexed by method and by the first segment of their pattern where it
 * is a literal ({@code /api/**} under "api"), so a request is matched only against the rules that could match it,
 * still in the same order. {@code RouteAuthorizationTests} holds it to the rule list's decision for every route.
 */
final class RouteAuthorization implements AuthorizationManager<RequestAuthorizationContext> {

	private static final PathPatternParser PARSER = PathPatternParser.defaultInstance;
	private static final AuthorizationDecision DENY = new AuthorizationDecision(false);
	private static final AuthorizationDecision PERMIT = new AuthorizationDecision(true);

	/**
	 * One rule: requests with this method (any when null) whose path matches the pattern are decided by
	 * {@code manager}, with the pattern's variables in its context.
	 */
	record Rule(HttpMethod method, String pattern, AuthorizationManager<RequestAuthorizationContext> manager) {

		/** The literal the first segment of every path this pattern matches equals, or null when it varies. */
		String firstSegment() {
			int end = pattern.indexOf('/', 1);
			String first = end < 0 ? pattern.substring(1) : pattern.substring(1, end);
			boolean literal = !first.isEmpty() && first.chars().noneMatch(c -> c == '{' || c == '*' || c == '?');
			return literal ? first : null;
		}
	}

	/** A rule as the index keeps it: the method is the bucket's, the pattern parsed once. */
	private record Candidate(PathPattern pattern, AuthorizationManager<RequestAuthorizationContext> manager) {
	}

	/** The rule that decides one literal path, with the variables its pattern takes from that path. */
	private record Decider(AuthorizationManager<RequestAuthorizationContext> manager, Map<String, String> variables) {
	}

	/**
	 * For one method: the rules a path may match, by its first segment, and those for any other first segment; and
	 * the rule that decides a path equal to a literal pattern (no variable, no wildcard) when no rule before it
	 * matches that path — found once here, so such a request (most of the API) is decided by one map lookup.
	 */
	private record Bucket(Map<String, Candidate[]> byFirstSegment, Candidate[] otherwise, Map<String, Decider> exact) {

		Candidate[] candidates(String firstSegment) {
			Candidate[] found = firstSegment == null ? null : byFirstSegment.get(firstSegment);
			return found != null ? found : otherwise;
		}
	}

	private final Map<String, Bucket> byMethod = new HashMap<>();
	private final Bucket anyOtherMethod;

	/** @param rules in the order the rule list would try them; a request no rule matches is refused */
	RouteAuthorization(List<Rule> rules) {
		for (HttpMethod method : HttpMethod.values()) {
			byMethod.put(method.name(), bucket(rules, method));
		}
		this.anyOtherMethod = bucket(rules, null);
	}

	private static Bucket bucket(List<Rule> rules, HttpMethod method) {
		List<Rule> forMethod = rules.stream()
				.filter(rule -> rule.method() == null || rule.method().equals(method)).toList();
		Map<String, Candidate[]> byFirstSegment = new HashMap<>();
		forMethod.stream().map(Rule::firstSegment).distinct().filter(first -> first != null)
				.forEach(first -> byFirstSegment.put(first, candidates(forMethod, first)));
		Bucket withoutExact = new Bucket(Map.copyOf(byFirstSegment), candidates(forMethod, null), Map.of());
		Map<String, Decider> exact = new HashMap<>();
		for (Rule rule : forMethod) {
			if (literal(rule.pattern())) {
				PathContainer path = PathContainer.parsePath(rule.pattern());
				exact.putIfAbsent(rule.pattern(), firstMatch(withoutExact.candidates(firstSegment(path)), path));
			}
		}
		return new Bucket(withoutExact.byFirstSegment(), withoutExact.otherwise(), Map.copyOf(exact));
	}

	private static boolean literal(String pattern) {
		return pattern.chars().noneMatch(c -> c == '{' || c == '*' || c == '?' || c == '%' || c == ';');
	}

	private static Decider firstMatch(Candidate[] candidates, PathContainer path) {
		for (Candidate candidate : candidates) {
			PathPattern.PathMatchInfo match = candidate.pattern().matchAndExtract(path);
			if (match != null) {
				return new Decider(candidate.manager(), Map.copyOf(match.getUriVariables()));
			}
		}
		throw new IllegalStateException("a literal pattern matches its own path");
	}

	/** The rules, in order, that a path whose first segment is {@code first} (or another literal when null) may match. */
	private static Candidate[] candidates(List<Rule> rules, String first) {
		List<Candidate> candidates = new ArrayList<>();
		for (Rule rule : rules) {
			String literal = rule.firstSegment();
			if (literal == null || literal.equals(first)) {
				candidates.add(new Candidate(PARSER.parse(rule.pattern()), rule.manager()));
			}
		}
		return candidates.toArray(Candidate[]::new);
	}

	@Override
	public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
			RequestAuthorizationContext context) {
		HttpServletRequest request = context.getRequest();
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			return PERMIT; // the container's error dispatch keeps the failed request's method; /error answers any
		}
		PathContainer path = ServletRequestPathUtils.parseAndCache(request).pathWithinApplication();
		Bucket bucket = byMethod.getOrDefault(request.getMethod(), anyOtherMethod);
		Decider exact = bucket.exact().get(path.value()); // a raw path with '%' or ';' is never a key
		if (exact != null) {
			return exact.manager().authorize(authentication, new RequestAuthorizationContext(request, exact.variables()));
		}
		for (Candidate candidate : bucket.candidates(firstSegment(path))) {
			PathPattern.PathMatchInfo match = candidate.pattern().matchAndExtract(path);
			if (match != null) {
				return candidate.manager().authorize(authentication,
						new RequestAuthorizationContext(request, match.getUriVariables()));
			}
		}
		return DENY; // deny by default: an undeclared route is nobody's
	}

	/** The first segment as patterns compare it (decoded, without path parameters), or null for "/" and "//…". */
	private static String firstSegment(PathContainer path) {
		List<PathContainer.Element> elements = path.elements();
		if (elements.size() < 2 || !(elements.get(0) instanceof PathContainer.Separator)
				|| !(elements.get(1) instanceof PathContainer.PathSegment segment)) {
			return null;
		}
		return segment.valueToMatch();
	}
}
