package eu.pledge.web;

import java.util.ArrayList;
import java.util.List;

import org.springframework.security.web.header.HeaderWriter;
import org.springframework.security.web.header.writers.CacheControlHeadersWriter;
import org.springframework.security.web.header.writers.ContentSecurityPolicyHeaderWriter;
import org.springframework.security.web.header.writers.HstsHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.XContentTypeOptionsHeaderWriter;
import org.springframework.security.web.header.writers.XXssProtectionHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter;
import org.springframework.security.web.header.writers.frameoptions.XFrameOptionsHeaderWriter.XFrameOptionsMode;

/**
 * The security headers of every response, defined once: the security chain writes them (Spring Security's
 * defaults plus Pledge's policy, referrer and frame rules), and {@link SecurityHeadersFilter} writes the same
 * for the routes served before the chain (the Sentry ingest's), which the chain never sees.
 */
final class SecurityHeaders {

	static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
			+ "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; "
			+ "form-action 'self'; frame-ancestors 'none'";

	private SecurityHeaders() {
	}

	static List<HeaderWriter> writers(WebProperties web) {
		List<HeaderWriter> writers = new ArrayList<>(List.of(new XContentTypeOptionsHeaderWriter(),
				new XXssProtectionHeaderWriter(), new CacheControlHeadersWriter()));
		if (web.secureCookies()) { // HSTS on plain-http development would pin the browser to https
			writers.add(new HstsHeaderWriter(request -> true, 31_536_000, true));
		}
		writers.add(new XFrameOptionsHeaderWriter(XFrameOptionsMode.DENY));
		writers.add(new ContentSecurityPolicyHeaderWriter(CONTENT_SECURITY_POLICY));
		writers.add(new ReferrerPolicyHeaderWriter(ReferrerPolicy.SAME_ORIGIN));
		return List.copyOf(writers);
	}
}
