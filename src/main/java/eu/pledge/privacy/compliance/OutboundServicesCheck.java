package eu.pledge.privacy.compliance;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.notice.NoticeProperties;
import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * Art. 28 and 30(1)(d) GDPR: a service Pledge sends personal data to is run by a processor the notice names. The
 * one such service is the SMTP relay ({@code spring.mail.host}: every mail carries a recipient's address): unless it
 * is this machine, some configured processor must list its host.
 */
@Component
class OutboundServicesCheck implements ComplianceCheck {

	private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "::1", "[::1]", "0:0:0:0:0:0:0:1");

	private final Environment environment;
	private final NoticeProperties settings;

	OutboundServicesCheck(Environment environment, NoticeProperties settings) {
		this.environment = environment;
		this.settings = settings;
	}

	@Override
	public String promise() {
		return "outbound-services-run-by-declared-processors";
	}

	@Override
	public Result check(Instant now) {
		String host = environment.getProperty("spring.mail.host", "").trim();
		if (host.isEmpty()) {
			return Result.pass("no SMTP relay is configured (mail stays in the outbox); " + settings.processors().size()
					+ " processors declared");
		}
		if (LOOPBACK.contains(host.toLowerCase(Locale.ROOT))) {
			return Result.pass("the SMTP relay is this machine (" + host + ")");
		}
		return settings.processors().stream().filter(processor -> processor.runs(host)).findFirst()
				.map(processor -> Result.pass("the SMTP relay " + host + " is run by the processor " + processor.name()))
				.orElseGet(() -> Result.fail("the SMTP relay " + host + " (spring.mail.host) is run by no processor in "
						+ "pledge.privacy.processors: add its operator with hosts: " + host));
	}
}
