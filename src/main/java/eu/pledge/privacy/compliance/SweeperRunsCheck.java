package eu.pledge.privacy.compliance;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.notice.Periods;
import eu.pledge.privacy.retention.SweepLocks;
import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.RetentionRule;

/**
 * "We will not store data longer than necessary" needs the sweeper to actually run: every rule's last run
 * succeeded, and none is overdue by more than three intervals (a rule that has never run yet is only reported).
 */
@Component
class SweeperRunsCheck implements ComplianceCheck {

	private final List<RetentionRule> rules;
	private final SweepLocks locks;
	private final PrivacyProperties properties;

	SweeperRunsCheck(List<RetentionRule> rules, SweepLocks locks, PrivacyProperties properties) {
		this.rules = rules;
		this.locks = locks;
		this.properties = properties;
	}

	@Override
	public String promise() {
		return "retention-rules-run";
	}

	@Override
	public Result check(Instant now) {
		Map<String, SweepLocks.LastRun> runs = locks.lastRuns().stream()
				.collect(Collectors.toMap(SweepLocks.LastRun::rule, Function.identity()));
		Instant due = now.minus(properties.sweepInterval().multipliedBy(3));
		List<String> failed = rules.stream().map(RetentionRule::name).filter(rule -> runs.containsKey(rule)
				&& "FAILURE".equals(runs.get(rule).outcome())).sorted().toList();
		List<String> late = rules.stream().map(RetentionRule::name).filter(rule -> runs.containsKey(rule)
				&& runs.get(rule).finishedAt() != null && runs.get(rule).finishedAt().isBefore(due)).sorted().toList();
		List<String> never = rules.stream().map(RetentionRule::name).filter(rule -> !runs.containsKey(rule)
				|| runs.get(rule).finishedAt() == null).sorted().toList();
		String summary = rules.size() + " rules, every " + Periods.plain(properties.sweepInterval())
				+ (never.isEmpty() ? "" : "; not run yet: " + String.join(", ", never));
		if (!failed.isEmpty() || !late.isEmpty()) {
			return Result.fail((failed.isEmpty() ? "" : "last run failed: " + String.join(", ", failed) + "; ")
					+ (late.isEmpty() ? "" : "overdue: " + String.join(", ", late) + "; ") + summary);
		}
		return Result.pass("every rule's last run succeeded on time (" + summary + ")");
	}
}
