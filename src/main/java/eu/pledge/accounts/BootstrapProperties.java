package eu.pledge.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first platform administrator for automated deployments ({@code PLEDGE_BOOTSTRAP_ADMIN_EMAIL},
 * {@code PLEDGE_BOOTSTRAP_ADMIN_PASSWORD}); ignored once any administrator exists.
 */
@ConfigurationProperties("pledge.bootstrap")
public record BootstrapProperties(String adminEmail, String adminPassword) {

	boolean configured() {
		return adminEmail != null && !adminEmail.isBlank() && adminPassword != null && !adminPassword.isBlank();
	}

	@Override
	public String toString() {
		return "BootstrapProperties[redacted]";
	}
}
