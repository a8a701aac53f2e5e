package eu.pledge.accounts;

import java.net.URI;
import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Passkey settings. The relying-party id is the host of {@code pledge.base-url} and its origin is always
 * accepted; these are further origins a passkey answer may come from (another port or a subdomain of that host
 * behind the same proxy), each a bare origin such as {@code https://login.example.com}.
 *
 * @param extraOrigins further origins accepted besides the base URL's, each {@code scheme://host[:port]}
 */
@Validated
@ConfigurationProperties("pledge.passkeys")
public record PasskeyProperties(@NotNull @DefaultValue List<URI> extraOrigins) {

	public PasskeyProperties {
		for (URI origin : extraOrigins) {
			if (origin.getScheme() == null || origin.getHost() == null
					|| !(origin.getScheme().equals("https") || origin.getScheme().equals("http"))
					|| (origin.getRawPath() != null && !origin.getRawPath().isEmpty()) || origin.getRawQuery() != null
					|| origin.getRawUserInfo() != null || origin.getRawFragment() != null) {
				throw new IllegalArgumentException("pledge.passkeys.extra-origins: '" + origin
						+ "' is not an origin (scheme://host[:port], no path)");
			}
		}
		extraOrigins = List.copyOf(extraOrigins);
	}
}
