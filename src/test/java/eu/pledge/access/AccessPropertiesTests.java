package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.testing.Settings;

class AccessPropertiesTests {

	@Test
	void defaultsToTheVendorsCatalogue() {
		AccessProperties properties = new AccessProperties(null, Duration.ofDays(7));
		assertThat(properties.systems()).containsOnlyKeys("crm", "billing", "analytics");
		assertThat(properties.systems().get("crm")).containsExactly("viewer", "editor", "manager");
	}

	@Test
	void refusesAValidityThatIsNotPositiveAtStartUp() {
		ApplicationContextRunner runner = Settings.runner(Enabled.class);
		Settings.assertRefused(runner, "pledge.access.invitation-validity=0s",
				"pledge.access.invitation-validity: must be a positive duration");
		Settings.assertAccepted(runner);
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties(AccessProperties.class)
	static class Enabled {
	}

	@Test
	void refusesABadCatalogue() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessProperties(Map.of("CRM!", List.of("viewer")), Duration.ofDays(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessProperties(Map.of("crm", List.of()), Duration.ofDays(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessProperties(Map.of("crm", List.of("viewer", "viewer")), Duration.ofDays(1)));
	}
}
