package eu.pledge.errors.tracker;

import static eu.pledge.errors.tracker.IssueRepository.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.accounts.Accounts;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.AlertThrottle;
import eu.pledge.shared.Mail;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.PledgeProperties;

/**
 * Mails engineers about new, regressed, reopened and spiking issues: the assignee, else the configured
 * recipients, else every platform administrator. Throttled twice, so one broken deploy sends a few mails and
 * not thousands: an issue alerts at most once per cooldown, and at most {@code max-per-window} alert mails
 * leave per window in all (the {@link AlertThrottle} shared with Secure Patrol, channel {@code errors}); the rest
 * are held and mailed together as one digest at the end of the window.
 */
@Component
class Alerts {

	private static final Logger log = LoggerFactory.getLogger(Alerts.class);

	enum Kind {
		NEW("New issue"), REGRESSED("Regressed issue"), REOPENED("Ignored issue is back"), SPIKE("Issue is spiking");

		final String label;

		Kind(String label) {
			this.label = label;
		}
	}

	private static final String INSERT = """
			INSERT INTO error_alerts (issue_id, kind, created_at, mailed) VALUES (:issue, :kind, :now, :mailed)""";
	private static final String DELETE_HELD = "DELETE FROM error_alerts WHERE mailed = FALSE";
	/** The shared throttle's channel: Codana's cap is its own, apart from Secure Patrol's. */
	static final String CHANNEL = "errors";

	private final IssueRepository issues;
	private final AlertThrottle throttle;
	private final JdbcClient jdbc;
	private final Mailer mailer;
	private final Accounts accounts;
	private final ErrorsProperties properties;
	private final PledgeProperties pledge;
	private final Clock clock;

	Alerts(IssueRepository issues, AlertThrottle throttle, JdbcClient jdbc, Mailer mailer, Accounts accounts, ErrorsProperties properties,
			PledgeProperties pledge, Clock clock) {
		this.issues = issues;
		this.throttle = throttle;
		this.jdbc = jdbc;
		this.mailer = mailer;
		this.accounts = accounts;
		this.properties = properties;
		this.pledge = pledge;
		this.clock = clock;
	}

	/**
	 * Called inside the capturing transaction (the issue row is locked); the mail leaves after commit. True when
	 * the issue alerted (its last alert is now {@code now}), false when its cooldown held the alert back.
	 */
	boolean raise(Issue issue, Kind kind, Instant at) {
		// The databases keep microseconds and round: a nanosecond "now" could round up past itself, and the alert
		// just written would not count against the cap.
		Instant now = at.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
		ErrorsProperties.Alerts limits = properties.alerts();
		if (issue.lastAlertAt() != null && now.isBefore(issue.lastAlertAt().plus(limits.cooldown()))) {
			return false;
		}
		issues.alerted(issue.id(), now);
		// The cap holds across nodes and concurrent captures of different issues: the throttle locks its channel.
		boolean mail = throttle.admit(CHANNEL, limits.maxPerWindow(), limits.window(), EventRepository.cut("#"
				+ issue.id() + " (" + kind.name().toLowerCase() + ", " + issue.eventCount() + " events): " + issue.title(),
				200), now);
		jdbc.sql(INSERT).param("issue", issue.id()).param("kind", kind.name()).param("now", ts(now))
				.param("mailed", mail).update();
		if (!mail) {
			return true; // held for the digest
		}
		String subject = "[Codana] " + kind.label + " #" + issue.id() + ": " + EventRepository.cut(issue.title(), 120);
		String body = kind.label + " in project " + issue.projectId() + ".\n\n" + issue.title() + "\n"
				+ (issue.culprit() == null ? "" : "at " + issue.culprit() + "\n") + "\nEvents so far: "
				+ issue.eventCount() + (issue.lastRelease() == null ? "" : "\nRelease: " + issue.lastRelease())
				+ "\n\n" + pledge.link("/admin/errors/" + issue.id()) + "\n";
		for (String recipient : recipients(issue)) {
			mailer.send(new Mail(recipient, subject, body));
		}
		return true;
	}

	/** The alerts held back by the global cap, as one mail per window. */
	@Scheduled(fixedDelayString = "${pledge.errors.alerts.window:15m}", initialDelayString = "${pledge.errors.alerts.window:15m}")
	@Transactional
	public void sendDigest() {
		// On its own schedule (one window apart), whether the throttle's window ended or not, as it always did.
		List<String> lines = throttle.takeAll(CHANNEL, clock.instant()).stream()
				.flatMap(digest -> digest.lines().stream()).toList();
		if (lines.isEmpty()) {
			return;
		}
		jdbc.sql(DELETE_HELD).update();
		String body = lines.size() + " more alerts were held back so as not to flood your mailbox:\n\n"
				+ String.join("\n", lines) + "\n\n" + pledge.link("/admin/errors") + "\n";
		for (String recipient : recipients(null)) {
			mailer.send(new Mail(recipient, "[Codana] Digest: " + lines.size() + " more alerts", body));
		}
	}

	private List<String> recipients(Issue issue) {
		if (issue != null && issue.assignee() != null) {
			try {
				return List.of(accounts.profile(AccountId.of(issue.assignee())).email());
			}
			catch (RuntimeException ex) {
				log.warn("Assignee of issue {} could not be mailed ({}); mailing the engineers", issue.id(),
						ex.getClass().getSimpleName());
			}
		}
		if (!properties.alertRecipients().isEmpty()) {
			return properties.alertRecipients();
		}
		return accounts.administratorAddresses();
	}
}
