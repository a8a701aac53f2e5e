package eu.pledge.shared;

import java.net.URI;
import java.nio.file.Path;

import jakarta.validation.constraints.NotNull;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * Installation-wide settings.
 *
 * @param dataDir where the embedded database and the master key file live
 * @param baseUrl the public address of Pledge, used in mailed links
 */
@Validated
@ConfigurationProperties("pledge")
public record PledgeProperties(@NotNull Path dataDir, @NotNull URI baseUrl) {

	/** An absolute link to a path of Pledge, e.g. {@code link("/verify?token=…")}. */
	public String link(String pathAndQuery) {
		String base = baseUrl.toString();
		return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + pathAndQuery;
	}
}
