package eu.pledge.privacy.compliance;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.notice.NoticeProperties;
import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * "Without exceptions all our systems are hosted within the EU": while the notice promises it
 * ({@code pledge.privacy.hosting.within-eu}), no processor may be located outside the EU/EEA.
 */
@Component
class HostingCheck implements ComplianceCheck {

	private final NoticeProperties settings;

	HostingCheck(NoticeProperties settings) {
		this.settings = settings;
	}

	@Override
	public String promise() {
		return "processors-hosted-where-promised";
	}

	@Override
	public Result check(Instant now) {
		List<NoticeProperties.Processor> outside = settings.outsideEea();
		if (!settings.hosting().withinEu()) {
			return Result.pass("the notice promises no hosting within the EU; it lists " + outside.size()
					+ " processors outside the EU/EEA as transfers");
		}
		if (outside.isEmpty()) {
			return Result.pass("all " + settings.processors().size() + " processors are within the EU/EEA, as the notice promises");
		}
		return Result.fail("the notice promises hosting within the EU, but " + String.join(", ",
				outside.stream().map(processor -> "the processor " + processor.name() + " is in " + processor.country()).toList())
				+ ", outside the EU/EEA");
	}
}
