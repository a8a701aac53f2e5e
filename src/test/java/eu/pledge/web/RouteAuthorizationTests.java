package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.DispatcherType;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.HttpMethod;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.TestingAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.authorization.SingleResultAuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.access.intercept.RequestMatcherDelegatingAuthorizationManager;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.DispatcherTypeRequestMatcher;
import org.springframework.test.context.ActiveProfiles;

import eu.pledge.access.Access;

/**
 * The indexed {@link RouteAuthorization} decides every request exactly as Spring Security's rule list built from the
 * same rules does (the first matching rule in order): the same rule, with the same path variables, for every route
 * of the running application instantiated with every literal segment any route has, with every method, and for
 * the paths that try to slip past an index (encoded, doubled slashes, path parameters, case).
 */
@SpringBootTest
@ActiveProfiles("test")
class RouteAuthorizationTests {

	private static final Pattern VARIABLE = Pattern.compile("\\{\\*?[^}]+}");
	private static final Supplier<Authentication> SOMEONE = () -> new TestingAuthenticationToken("someone", "x");

	@Autowired
	RouteTable table;

	@Autowired
	Access access;

	List<RouteAuthorization.Rule> rules;
	RouteAuthorization indexed;
	AuthorizationManager<jakarta.servlet.http.HttpServletRequest> walked;

	/** Which rule decided, with the variables it was given. */
	record Decided(int rule, Map<String, String> variables) implements AuthorizationResult {

		@Override
		public boolean isGranted() {
			return true;
		}
	}

	@BeforeEach
	void bothWithTheApplicationsRules() {
		List<RouteAuthorization.Rule> production = SecurityConfiguration.rules(table, access);
		rules = new ArrayList<>();
		for (int i = 0; i < production.size(); i++) {
			int rule = i;
			RouteAuthorization.Rule original = production.get(i);
			rules.add(new RouteAuthorization.Rule(original.method(), original.pattern(),
					(authentication, context) -> new Decided(rule, context.getVariables())));
		}
		indexed = new RouteAuthorization(rules);
		var list = RequestMatcherDelegatingAuthorizationManager.builder()
				.add(new DispatcherTypeRequestMatcher(DispatcherType.ERROR), SingleResultAuthorizationManager.permitAll());
		for (RouteAuthorization.Rule rule : rules) {
			list.add(PathPatternRequestMatcher.withDefaults().matcher(rule.method(), rule.pattern()), rule.manager());
		}
		walked = list.add(AnyRequestMatcher.INSTANCE, (authentication, request) -> new AuthorizationDecision(false))
				.build();
	}

	@Test
	void decidesEveryRouteAsTheRuleListDoes() {
		Set<String> paths = paths();
		Set<Integer> reached = new TreeSet<>();
		List<String> methods = new ArrayList<>();
		for (HttpMethod method : HttpMethod.values()) {
			methods.add(method.name());
		}
		methods.add("PROPFIND");
		int compared = 0;
		for (String path : paths) {
			for (String method : methods) {
				AuthorizationResult expected = walked.authorize(SOMEONE, new MockHttpServletRequest(method, path));
				String actual = outcome(indexed.authorize(SOMEONE, new RequestAuthorizationContext(
						new MockHttpServletRequest(method, path))));
				assertThat(actual).as("%s %s", method, path).isEqualTo(outcome(expected));
				if (expected instanceof Decided decided) {
					reached.add(decided.rule());
				}
				compared++;
			}
		}
		assertThat(compared).isGreaterThan(10_000);
		List<String> unreached = new ArrayList<>();
		for (int i = 0; i < rules.size(); i++) {
			if (!reached.contains(i)) {
				unreached.add(rules.get(i).method() + " " + rules.get(i).pattern());
			}
		}
		assertThat(unreached).as("rules no generated request reached: the comparison would not cover them").isEmpty();
	}

	/** Not in today's table, but the order is what decides: a literal path an earlier pattern also matches. */
	@Test
	void aLiteralRouteAfterAPatternThatMatchesItsPathIsDecidedByThePattern() {
		var shadowed = new RouteAuthorization(List.of(
				new RouteAuthorization.Rule(HttpMethod.GET, "/a/{x}", (authentication, context) -> new Decided(0,
						context.getVariables())),
				new RouteAuthorization.Rule(HttpMethod.GET, "/a/b", (authentication, context) -> new Decided(1,
						context.getVariables()))));
		assertThat(outcome(shadowed.authorize(SOMEONE, new RequestAuthorizationContext(
				new MockHttpServletRequest("GET", "/a/b"))))).isEqualTo("rule 0 {x=b}");
	}

	@Test
	void theContainersErrorDispatchIsAllowedWhateverItsPathAndMethod() {
		for (String path : List.of("/", "/api/v1/me", "/nothing", "/admin/accounts")) {
			MockHttpServletRequest request = new MockHttpServletRequest("DELETE", path);
			request.setDispatcherType(DispatcherType.ERROR);
			assertThat(indexed.authorize(SOMEONE, new RequestAuthorizationContext(request)).isGranted()).isTrue();
		}
	}

	@Test
	void anUndeclaredRouteIsRefused() {
		assertThat(indexed.authorize(SOMEONE, new RequestAuthorizationContext(
				new MockHttpServletRequest("GET", "/nothing/here"))).isGranted()).isFalse();
		assertThat(indexed.authorize(SOMEONE, new RequestAuthorizationContext(
				new MockHttpServletRequest("PROPFIND", "/api/v1/me"))).isGranted()).isFalse();
	}

	private static String outcome(AuthorizationResult result) {
		if (result instanceof Decided decided) {
			return "rule " + decided.rule() + " " + decided.variables();
		}
		return result.isGranted() ? "permit" : "deny";
	}

	/** Every rule's pattern with its variables filled in by each literal segment of any pattern, and tricky paths. */
	private Set<String> paths() {
		Set<String> literals = new TreeSet<>(List.of("x1", "a"));
		for (RouteAuthorization.Rule rule : rules) {
			for (String segment : rule.pattern().split("/")) {
				if (!segment.isEmpty() && !segment.contains("{") && !segment.contains("*") && !segment.contains("?")) {
					literals.add(segment);
				}
			}
		}
		Set<String> paths = new LinkedHashSet<>();
		for (RouteAuthorization.Rule rule : rules) {
			String pattern = rule.pattern().replace("/**", "{*rest}");
			Matcher variables = VARIABLE.matcher(pattern);
			List<int[]> spans = new ArrayList<>();
			while (variables.find()) {
				spans.add(new int[] { variables.start(), variables.end() });
			}
			paths.add(fill(pattern, spans, -1, null));
			paths.add(fill(pattern, spans, -1, null).replace("/a/b", "")); // "/css/**" matches "/css" too
			for (int slot = 0; slot < spans.size(); slot++) {
				for (String literal : literals) {
					paths.add(fill(pattern, spans, slot, literal));
				}
			}
			paths.add(pattern.replaceAll("\\{\\*?[^}]+}", "x1") + "/");
		}
		paths.addAll(List.of("/", "//", "/nothing/here", "//api/v1/me", "/api/v1/me/", "/api;p=1/v1/me", "/API/v1/me",
				"/%61pi/v1/me", "/api/v1/me;x=1", "/css", "/css/", "/actuator", "/actuator/health/x", "/./api/v1/me",
				"/api/../api/v1/me", "/.well-known/openid-configuration", "/%2F/api"));
		return paths;
	}

	/** The pattern with the variable at {@code slot} replaced by {@code value}, the others by "x1" ("a/b" for the rest). */
	private static String fill(String pattern, List<int[]> spans, int slot, String value) {
		StringBuilder path = new StringBuilder();
		int from = 0;
		for (int i = 0; i < spans.size(); i++) {
			int[] span = spans.get(i);
			path.append(pattern, from, span[0]);
			boolean rest = pattern.startsWith("{*", span[0]);
			path.append(i == slot ? (rest ? "/" + value : value) : rest ? "/a/b" : "x1");
			from = span[1];
		}
		path.append(pattern.substring(from));
		return path.toString().isEmpty() ? "/" : path.toString();
	}
}
