package eu.pledge.privacy.breaches;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.notice.NoticeProperties;
import eu.pledge.shared.PledgeProperties;
import eu.pledge.testing.Settings;

/** The Art. 33 notification is addressed to the supervisory authority the settings name, or says which one. */
class BreachTextsTests {

	private final ApplicationContextRunner runner = Settings.runner(Enabled.class).withBean(BreachTexts.class)
			.withPropertyValues("pledge.data-dir=./data", "pledge.base-url=https://pledge.example");

	private final Breach breach = new Breach(UUID.randomUUID(), Instant.parse("2026-12-01T09:00:00Z"), "Laptop stolen",
			null, null, null, null, null, false, null, null, null, Instant.parse("2026-12-04T09:00:00Z"), null, 0, null,
			Instant.parse("2026-12-01T10:00:00Z"), Instant.parse("2026-12-01T10:00:00Z"));

	@Test
	void theConfiguredAuthorityIsTheAddressee() {
		runner.withPropertyValues("pledge.privacy.supervisory-authority.name=Autoriteit Persoonsgegevens",
				"pledge.privacy.supervisory-authority.address=Postbus 93374, 2509 AJ Den Haag")
				.run(context -> assertThat(context.getBean(BreachTexts.class).authority(breach))
						.contains("To: Autoriteit Persoonsgegevens, Postbus 93374, 2509 AJ Den Haag\n"));
	}

	@Test
	void withoutOneTheTextSaysWhichAuthorityItGoesTo() {
		runner.run(context -> assertThat(context.getBean(BreachTexts.class).authority(breach))
				.contains("To: the supervisory authority competent for the controller (Art. 55, 56 GDPR)\n"));
	}

	@Configuration(proxyBeanMethods = false)
	@EnableConfigurationProperties({ PrivacyProperties.class, NoticeProperties.class, PledgeProperties.class })
	static class Enabled {
	}
}
