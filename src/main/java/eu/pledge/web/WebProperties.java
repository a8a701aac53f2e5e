package eu.pledge.web;

import java.util.List;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.util.unit.DataSize;
import org.springframework.validation.annotation.Validated;

/**
 * Web edge settings.
 *
 * @param trustedProxies CIDR ranges whose {@code X-Forwarded-For} is believed; empty means none is
 * @param secureCookies whether the session cookie is {@code Secure} with the {@code __Host-} prefix and
 *        HSTS is sent; turn off only for plain-http development on a host other than localhost
 * @param maxRequestBody the largest request body accepted; larger ones get 413
 */
@Validated
@ConfigurationProperties("pledge.web")
public record WebProperties(@DefaultValue List<String> trustedProxies, @DefaultValue("true") boolean secureCookies,
		@NotNull @DefaultValue("64KB") DataSize maxRequestBody) {

	public WebProperties {
		for (String cidr : trustedProxies) {
			try {
				new IpAddressMatcher(cidr.trim());
			}
			catch (IllegalArgumentException ex) {
				throw new IllegalArgumentException("pledge.web.trusted-proxies: '" + cidr + "' is not an IP address or CIDR range");
			}
		}
	}
}
