package eu.pledge.web;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.web.http.CookieSerializer;
import org.springframework.session.web.http.DefaultCookieSerializer;

/**
 * The session cookie: HttpOnly, SameSite=Lax, and Secure with the {@code __Host-} prefix (bound to this exact
 * host, path /, never sent over plain http) unless secure cookies are explicitly turned off for plain-http
 * development. The cookie holds only a random session id.
 */
@Configuration(proxyBeanMethods = false)
class SessionCookieConfiguration {

	static final String SECURE_NAME = "__Host-pledge-session";
	static final String PLAIN_NAME = "pledge-session";

	@Bean
	CookieSerializer cookieSerializer(WebProperties web) {
		DefaultCookieSerializer serializer = new DefaultCookieSerializer();
		serializer.setCookieName(web.secureCookies() ? SECURE_NAME : PLAIN_NAME);
		serializer.setUseSecureCookie(web.secureCookies());
		serializer.setUseHttpOnlyCookie(true);
		serializer.setSameSite("Lax");
		serializer.setCookiePath("/");
		serializer.setUseBase64Encoding(false);
		return serializer;
	}
}
