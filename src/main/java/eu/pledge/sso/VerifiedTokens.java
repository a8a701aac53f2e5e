package eu.pledge.sso;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtException;

import eu.pledge.shared.Tokens;

/**
 * The bearer tokens userinfo has verified, kept until they expire: checking an ES256 signature was half of a
 * userinfo request's CPU (docs/PERFORMANCE.md, "Single sign-on"), and a system calls userinfo with the same access
 * token many times. Only the signature check is saved: whether the token still works (revoked, its family ended,
 * access lost) is looked up in the database on every request as before. Keyed by the token's SHA-256, at most
 * {@value #MAX_ENTRIES} tokens per node, each no longer than its own expiry.
 */
class VerifiedTokens implements JwtDecoder {

	static final int MAX_ENTRIES = 10_000;

	private final JwtDecoder decoder;
	private final Map<String, Jwt> verified = new LinkedHashMap<>(256, 0.75f, true) {
		@Override
		protected boolean removeEldestEntry(Map.Entry<String, Jwt> eldest) {
			return size() > MAX_ENTRIES;
		}
	};

	VerifiedTokens(JwtDecoder decoder) {
		this.decoder = decoder;
	}

	@Override
	public Jwt decode(String token) throws JwtException {
		String key = Tokens.sha256(token);
		Jwt known;
		synchronized (verified) {
			known = verified.get(key);
		}
		if (known != null) {
			if (known.getExpiresAt() != null && Instant.now().isBefore(known.getExpiresAt())) {
				return known;
			}
			synchronized (verified) {
				verified.remove(key);
			}
		}
		Jwt jwt = decoder.decode(token); // signature, expiry and the rest, as before
		if (jwt.getExpiresAt() != null) {
			synchronized (verified) {
				verified.put(key, jwt);
			}
		}
		return jwt;
	}
}
