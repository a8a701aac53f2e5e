package eu.pledge.accounts;

import java.net.URI;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;

import eu.pledge.shared.PledgeProperties;

/**
 * Spring Security's WebAuthn relying party (on webauthn4j), configured rather than written: Pledge's own stores
 * ({@link PasskeyUsers}, {@link PasskeyStore}) keep what it saves sealed under the account's key, and Pledge's
 * controllers call it inside Pledge's own sign-in (throttles, session, events) instead of Spring's filters.
 * The relying-party id is the host of {@code pledge.base-url}; the accepted origins are that URL's origin and
 * {@code pledge.passkeys.extra-origins}.
 */
@Configuration(proxyBeanMethods = false)
class PasskeyConfiguration {

	@Bean
	PublicKeyCredentialRpEntity passkeyRelyingParty(PledgeProperties pledge) {
		return PublicKeyCredentialRpEntity.builder().id(host(pledge.baseUrl())).name("Pledge").build();
	}

	@Bean
	Webauthn4JRelyingPartyOperations passkeyOperations(PasskeyUsers users, PasskeyStore store,
			PublicKeyCredentialRpEntity rp, PledgeProperties pledge, PasskeyProperties properties) {
		return new Webauthn4JRelyingPartyOperations(users, store, rp, origins(pledge, properties));
	}

	static Set<String> origins(PledgeProperties pledge, PasskeyProperties properties) {
		Set<String> origins = new LinkedHashSet<>();
		origins.add(origin(pledge.baseUrl()));
		properties.extraOrigins().forEach(uri -> origins.add(origin(uri)));
		return Set.copyOf(origins);
	}

	private static String origin(URI uri) {
		return uri.getScheme() + "://" + host(uri) + (uri.getPort() <= 0 ? "" : ":" + uri.getPort());
	}

	/**
	 * The host of an address; also of one Java does not parse as server-based ({@code http://localhost:-1}, the
	 * base URL of a node started without a web port), whose authority is then only a string.
	 */
	static String host(URI uri) {
		if (uri.getHost() != null) {
			return uri.getHost();
		}
		String authority = uri.getRawAuthority();
		if (authority == null || authority.isBlank()) {
			throw new IllegalStateException("pledge.base-url must name a host: " + uri);
		}
		int colon = authority.lastIndexOf(':');
		return colon < 0 ? authority : authority.substring(0, colon);
	}
}
