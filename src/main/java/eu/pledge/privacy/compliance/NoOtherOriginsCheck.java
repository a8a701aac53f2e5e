package eu.pledge.privacy.compliance;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.shared.PledgeProperties;

/**
 * "We will never share your data with third parties": the public pages, rendered in this process, reference no
 * other origin (a script, font, image or form elsewhere tells that site who visits), and the Content-Security-Policy
 * lets the browser load nothing from anywhere but Pledge itself.
 */
@Component
class NoOtherOriginsCheck implements ComplianceCheck {

	static final List<String> PAGES = List.of("/", "/privacy", "/login", "/register", "/password-reset", "/contact");

	// Absolute and protocol-relative URLs; XML namespace declarations name a vocabulary, they load nothing.
	private static final Pattern URL = Pattern.compile("(?i)(?:https?:)?//([a-z0-9.\\-\\[\\]:]+)");
	private static final Pattern NAMESPACE = Pattern.compile("(?i)xmlns(:\\w+)?=\"[^\"]*\"");
	private static final Set<String> CSP_SOURCES = Set.of("'self'", "'none'", "data:");

	private final PublicPages pages;
	private final String ownHost;

	NoOtherOriginsCheck(PublicPages pages, PledgeProperties pledge) {
		this.pages = pages;
		this.ownHost = pledge.baseUrl().getHost();
	}

	/** Hosts other than Pledge's own (and loopback) that a page's HTML points to. */
	static Set<String> foreignHosts(String html, String ownHost) {
		Set<String> hosts = new TreeSet<>();
		Matcher url = URL.matcher(NAMESPACE.matcher(html).replaceAll(""));
		while (url.find()) {
			String host = url.group(1).replaceFirst(":\\d+$", "").toLowerCase();
			if (!host.equals(ownHost) && !host.equals("127.0.0.1") && !host.equals("localhost")) {
				hosts.add(host);
			}
		}
		return hosts;
	}

	/** What a Content-Security-Policy header lets load from elsewhere (or that it is missing). */
	static List<String> cspProblems(String path, String csp) {
		List<String> problems = new ArrayList<>();
		if (!csp.contains("default-src 'self'")) {
			problems.add(path + " has no Content-Security-Policy default-src 'self'");
		}
		for (String directive : csp.split(";")) {
			String[] tokens = directive.trim().split("\\s+");
			for (int i = 1; i < tokens.length; i++) {
				if (!CSP_SOURCES.contains(tokens[i]) && !tokens[i].startsWith("'")) {
					problems.add(path + "'s Content-Security-Policy allows " + tokens[i]);
				}
			}
		}
		return problems;
	}

	@Override
	public String promise() {
		return "no-third-party-origins";
	}

	@Override
	public Result check(Instant now) {
		Set<String> foreign = new TreeSet<>();
		List<String> problems = new ArrayList<>();
		int scanned = 0;
		for (String path : PAGES) {
			var page = pages.fetch(path);
			if (page.isEmpty()) {
				return Result.fail("the web server is not running, so no page could be rendered");
			}
			if (page.get().status() != 200) {
				continue; // not served here (e.g. a part not installed); nothing a visitor would load
			}
			scanned++;
			foreignHosts(page.get().body(), ownHost).forEach(host -> foreign.add(host + " on " + path));
			problems.addAll(cspProblems(path, page.get().contentSecurityPolicy()));
		}
		if (!foreign.isEmpty()) {
			problems.add(0, "other origins referenced: " + String.join(", ", foreign));
		}
		return problems.isEmpty()
				? Result.pass(scanned + " public pages reference no other origin; Content-Security-Policy allows 'self' only")
				: Result.fail(String.join("; ", problems));
	}

}
