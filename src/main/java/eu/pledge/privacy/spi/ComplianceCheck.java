package eu.pledge.privacy.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One promise of the privacy policy, checked against the live data by the module that holds it. The compliance
 * check ({@code java -jar pledge.jar verify}, {@code /admin/compliance}) runs every bean of this type. A check that
 * allows for the sweeper's rhythm takes the interval from {@link RetentionSettings#sweepInterval()}.
 */
public interface ComplianceCheck {

	/** A stable name of what is promised, e.g. {@code ip-addresses-expire}; one line of the report. */
	String promise();

	/** Checks the promise at {@code now}; never changes data. */
	Result check(Instant now);

	/**
	 * @param passed whether the promise holds
	 * @param evidence what was looked at and found (counts, ids, periods; never personal data)
	 */
	record Result(boolean passed, String evidence) {

		public Result {
			Objects.requireNonNull(evidence, "evidence");
		}

		public static Result pass(String evidence) {
			return new Result(true, evidence);
		}

		public static Result fail(String evidence) {
			return new Result(false, evidence);
		}

		/** PASS when {@code violations} is zero. */
		public static Result noneFound(long violations, String what) {
			return violations == 0 ? pass("no " + what) : fail(violations + " " + what);
		}
	}
}
