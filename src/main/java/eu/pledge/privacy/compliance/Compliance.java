package eu.pledge.privacy.compliance;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ComplianceCheck;

/**
 * Runs every {@link ComplianceCheck} against the live data: the one report behind {@code verify}, the
 * administrators' page and the API. A check that throws is a FAIL, never a skipped line.
 */
@Component
public class Compliance {

	private static final Logger log = LoggerFactory.getLogger(Compliance.class);

	/**
	 * @param promise what is promised
	 * @param passed whether it holds now
	 * @param evidence what was found
	 */
	public record Line(String promise, boolean passed, String evidence) {

		String text() {
			return (passed ? "PASS " : "FAIL ") + promise + " — " + evidence;
		}
	}

	public record Report(Instant checkedAt, boolean passed, List<Line> checks) {
	}

	private final List<ComplianceCheck> checks;
	private final Clock clock;

	Compliance(List<ComplianceCheck> checks, Clock clock) {
		this.checks = checks.stream().sorted(Comparator.comparing(ComplianceCheck::promise)).toList();
		this.clock = clock;
	}

	public Report run() {
		Instant now = clock.instant();
		List<Line> lines = checks.stream().map(check -> line(check, now)).toList();
		return new Report(now, lines.stream().allMatch(Line::passed), lines);
	}

	private static Line line(ComplianceCheck check, Instant now) {
		try {
			ComplianceCheck.Result result = check.check(now);
			return new Line(check.promise(), result.passed(), result.evidence());
		}
		catch (RuntimeException failure) {
			log.warn("Compliance check {} failed to run: {}", check.promise(), failure.getClass().getName());
			return new Line(check.promise(), false, "the check could not run (" + failure.getClass().getSimpleName() + ")");
		}
	}
}
