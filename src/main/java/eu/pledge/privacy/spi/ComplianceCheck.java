package eu.pledge.privacy.spi;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;

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

	/** How many records a failure names at most; the rest are counted. */
	int NAMED = 20;

	/**
	 * The records a failure is about, for its evidence: {@code a, b, c} or {@code a, b, c and 7 more}. Pass ids, file
	 * names, dates: never personal data.
	 *
	 * @param records the first records found (at most {@link #NAMED} are named)
	 * @param total how many were found in all
	 */
	static String named(List<?> records, long total) {
		String names = records.stream().limit(NAMED).map(String::valueOf).collect(Collectors.joining(", "));
		long more = total - Math.min(records.size(), NAMED);
		return more > 0 ? names + " and " + more + " more" : names;
	}

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
