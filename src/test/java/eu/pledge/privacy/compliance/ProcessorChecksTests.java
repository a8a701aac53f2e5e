package eu.pledge.privacy.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.privacy.inventory.Purpose;
import eu.pledge.privacy.notice.NoticeProperties;
import eu.pledge.privacy.spi.ComplianceCheck.Result;

/**
 * The checks of processors, hosting, legal bases and the notice's statements, each broken on purpose: an SMTP relay
 * nobody declared, a processor outside the EU, a purpose without a basis, a notice that leaves a processor out.
 */
class ProcessorChecksTests {

	private static final NoticeProperties.Processor HOSTING = processor("Example Hosting GmbH", "DE", List.of());
	private static final NoticeProperties.Processor RELAY = processor("Relay Mail BV", "NL", List.of("relay.example"));
	private static final NoticeProperties.Processor FARAWAY = processor("Faraway Mail Inc", "US", List.of("faraway.example"));

	@Test
	void anSmtpRelayNoProcessorRunsFailsNamingTheHost() {
		Result result = outbound("smtp.unknown-relay.example", HOSTING);

		assertThat(result.passed()).isFalse();
		assertThat(result.evidence()).contains("the SMTP relay smtp.unknown-relay.example (spring.mail.host) is run by no processor");
	}

	@Test
	void aRelayADeclaredProcessorRunsPassesNamingTheProcessor() {
		Result result = outbound("smtp.relay.example", HOSTING, RELAY);

		assertThat(result.passed()).isTrue();
		assertThat(result.evidence()).contains("run by the processor Relay Mail BV");
		assertThat(outbound("relay.example", RELAY).passed()).isTrue();
		assertThat(outbound("notrelay.example", RELAY).passed()).as("a suffix is not a sub-domain").isFalse();
	}

	@Test
	void aRelayOnThisMachineOrNoRelayNeedsNoProcessor() {
		for (String host : List.of("localhost", "127.0.0.1", "::1", "LOCALHOST", "")) {
			assertThat(outbound(host).passed()).as(host).isTrue();
		}
	}

	@Test
	void aProcessorOutsideTheEuFailsOnlyWhileTheNoticePromisesEuHosting() {
		Result promised = new HostingCheck(settings(true, HOSTING, FARAWAY)).check(Instant.now());
		assertThat(promised.passed()).isFalse();
		assertThat(promised.evidence()).contains("the processor Faraway Mail Inc is in United States (US)");

		assertThat(new HostingCheck(settings(true, HOSTING, RELAY)).check(Instant.now()).passed()).isTrue();
		Result notPromised = new HostingCheck(settings(false, HOSTING, FARAWAY)).check(Instant.now());
		assertThat(notPromised.passed()).isTrue();
		assertThat(notPromised.evidence()).contains("1 processors outside the EU/EEA as transfers");
	}

	@Test
	void aPurposeWithoutALegalBasisFailsNamingThePurpose() {
		assertThat(new LegalBasesCheck(new Inventory()).check(Instant.now()).passed()).isTrue();
		Inventory withAGap = new Inventory() {
			@Override
			public Optional<String> legalBasis(Purpose purpose) {
				return purpose == Purpose.DEBUGGING ? Optional.empty() : super.legalBasis(purpose);
			}
		};

		Result result = new LegalBasesCheck(withAGap).check(Instant.now());

		assertThat(result.passed()).isFalse();
		assertThat(result.evidence()).contains("the purpose debugging declares no legal basis",
				"the category error-events rests on a basis none of its purposes declares");
	}

	@Test
	void aNoticeThatLeavesOutAProcessorOrTheAuthorityFails() {
		NoticeProperties settings = new NoticeProperties(new NoticeProperties.Hosting("Frankfurt, Germany", true),
				List.of(HOSTING, RELAY), new NoticeProperties.SupervisoryAuthority("Data Protection Authority (Belgium)",
						"Rue de la Presse 35, 1000 Brussels"));
		PrivacyProperties privacy = new PrivacyProperties(null, null, null, null, 1, null, false,
				new PrivacyProperties.Controller("Example Vendor SA", "contact", ""));
		String page = "<p>Example Hosting GmbH</p><td>Germany (DE)</td> Frankfurt, Germany"
				+ " the right to lodge a complaint with a supervisory authority";

		Result result = new NoticeStatementsCheck(stub(page), settings, privacy, new Inventory()).check(Instant.now());

		assertThat(result.passed()).isFalse();
		assertThat(result.evidence()).contains("the processor Relay Mail BV", "the supervisory authority's name",
				"the data protection officer", "the legal basis of security").doesNotContain("Example Hosting GmbH");
	}

	private static Result outbound(String host, NoticeProperties.Processor... processors) {
		return new OutboundServicesCheck(new MockEnvironment().withProperty("spring.mail.host", host),
				settings(true, processors)).check(Instant.now());
	}

	private static NoticeProperties settings(boolean withinEu, NoticeProperties.Processor... processors) {
		return new NoticeProperties(new NoticeProperties.Hosting("the European Union", withinEu), List.of(processors),
				new NoticeProperties.SupervisoryAuthority("", ""));
	}

	private static NoticeProperties.Processor processor(String name, String location, List<String> hosts) {
		return new NoticeProperties.Processor(name, "a service", location, "contact@" + location.toLowerCase() + ".example",
				hosts);
	}

	private static PublicPages stub(String body) {
		return new PublicPages(new MockEnvironment()) {
			@Override
			Optional<Page> fetch(String path) {
				return Optional.of(new Page(path, 200, body, "default-src 'self'"));
			}
		};
	}
}
