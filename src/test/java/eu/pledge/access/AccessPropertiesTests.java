package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class AccessPropertiesTests {

	@Test
	void defaultsToTheVendorsCatalogue() {
		AccessProperties properties = new AccessProperties(null, Duration.ofDays(7));
		assertThat(properties.systems()).containsOnlyKeys("crm", "billing", "analytics");
		assertThat(properties.systems().get("crm")).containsExactly("viewer", "editor", "manager");
	}

	@Test
	void refusesABadCatalogueOrValidity() {
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessProperties(Map.of("CRM!", List.of("viewer")), Duration.ofDays(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessProperties(Map.of("crm", List.of()), Duration.ofDays(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessProperties(Map.of("crm", List.of("viewer", "viewer")), Duration.ofDays(1)));
		assertThatIllegalArgumentException().isThrownBy(() -> new AccessProperties(null, Duration.ZERO));
	}
}
