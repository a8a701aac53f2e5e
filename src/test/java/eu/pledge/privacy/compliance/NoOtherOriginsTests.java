package eu.pledge.privacy.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The scan behind {@code no-third-party-origins}, on planted pages and headers. */
class NoOtherOriginsTests {

	@Test
	void findsScriptsFontsAndFormsOfOtherHostsButNotOwnLinksOrNamespaces() {
		String page = """
				<html xmlns="http://www.w3.org/1999/xhtml"><head>
				<link rel="stylesheet" href="https://fonts.googleapis.com/css?family=Inter">
				<script src="//cdn.example.net/lib.js"></script></head>
				<body><a href="http://pledge.example.eu:8080/privacy">notice</a><a href="/account">own</a>
				<img src="http://127.0.0.1/x.png"><form action="https://tracker.example.com/collect"></form></body></html>""";

		assertThat(NoOtherOriginsCheck.foreignHosts(page, "pledge.example.eu"))
				.containsExactly("cdn.example.net", "fonts.googleapis.com", "tracker.example.com");
		assertThat(NoOtherOriginsCheck.foreignHosts("<a href=\"/privacy\">x</a>", "pledge.example.eu")).isEmpty();
	}

	@Test
	void aPolicyThatAllowsAnotherHostOrIsMissingIsAProblem() {
		assertThat(NoOtherOriginsCheck.cspProblems("/", "default-src 'self'; img-src 'self' data:; object-src 'none'")).isEmpty();
		assertThat(NoOtherOriginsCheck.cspProblems("/", "default-src 'self'; script-src 'self' https://cdn.example.net"))
				.containsExactly("/'s Content-Security-Policy allows https://cdn.example.net");
		assertThat(NoOtherOriginsCheck.cspProblems("/login", "")).containsExactly("/login has no Content-Security-Policy default-src 'self'");
	}
}
