package eu.pledge.errors.tracker;

import static eu.pledge.errors.tracker.IssueRepository.ts;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.accounts.Accounts;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Mail;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.PledgeProperties;

/**
 * Mails engineers about new, regressed, reopened and spiking issues: the assignee, else the configured
 * recipients, else every platform administrator. Throttled twice, so one broken deploy sends a few mails and
 * not thousands: an issue alerts at most once per cooldown, and at most {@code max-per-window} alert mails
 * leave per window in all; the rest are held and mailed together as one digest at the end of the window.
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
	private static final String SENT_SINCE = """
			SELECT COUNT(*) FROM error_alerts WHERE mailed = TRUE AND kind <> 'DIGEST' AND created_at > :since
			  AND created_at <= :now""";
	private static final String HELD = """
			SELECT a.issue_id, a.kind, i.title, i.event_count FROM error_alerts a JOIN error_issues i ON i.id = a.issue_id
			WHERE a.mailed = FALSE ORDER BY a.id""";
	private static final String DELETE_HELD = "DELETE FROM error_alerts WHERE mailed = FALSE";

	private final IssueRepository issues;
	private final JdbcClient jdbc;
	private final Mailer mailer;
	private final Accounts accounts;
	private final ErrorsProperties properties;
	private final PledgeProperties pledge;
	private final Clock clock;

	Alerts(IssueRepository issues, JdbcClient jdbc, Mailer mailer, Accounts accounts, ErrorsProperties properties,
			PledgeProperties pledge, Clock clock) {
		this.issues = issues;
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
		long sent = jdbc.sql(SENT_SINCE).param("since", ts(now.minus(limits.window()))).param("now", ts(now)).query(Long.class).single();
		boolean mail = sent < limits.maxPerWindow();
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
		List<String> lines = jdbc.sql(HELD).query((rs, n) -> "#" + rs.getLong("issue_id") + " ("
				+ rs.getString("kind").toLowerCase() + ", " + rs.getLong("event_count") + " events): "
				+ rs.getString("title")).list();
		if (lines.isEmpty()) {
			return;
		}
		jdbc.sql(DELETE_HELD).update();
		jdbc.sql(INSERT).param("issue", 0L).param("kind", "DIGEST").param("now", ts(clock.instant()))
				.param("mailed", true).update();
		String body = lines.size() + " more alerts were held back so as not to flood your mailbox:\n\n"
				+ String.join("\n", lines.stream().map(line -> EventRepository.cut(line, 200)).toList()) + "\n\n" + pledge.link("/admin/errors") + "\n";
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
		List<String> administrators = new ArrayList<>();
		for (AccountId admin : accounts.administrators()) {
			try {
				administrators.add(accounts.profile(admin).email());
			}
			catch (RuntimeException ex) {
				log.warn("Administrator {} could not be mailed ({})", admin, ex.getClass().getSimpleName());
			}
		}
		return administrators;
	}
}
