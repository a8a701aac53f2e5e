package eu.pledge.patrol;

import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.accounts.Accounts;
import eu.pledge.shared.AlertThrottle;
import eu.pledge.shared.Mail;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.PledgeProperties;

/**
 * Mails the security recipients that a rule answered: at most {@code pledge.patrol.alerts.max} mails per window
 * across all nodes, the rest as one digest when the window ends. A mail names the rule, the attack's number, the
 * count and the time and links to /admin/patrol; it never names an address or a person, not even in the body: a
 * mail outlives the 48 hours an address may be kept, and /admin/patrol shows the address while it lives.
 */
@Component
class Alerter implements Responder {

	static final String CHANNEL = "patrol";

	private final AlertThrottle throttle;
	private final Mailer mailer;
	private final Accounts accounts;
	private final PatrolProperties properties;
	private final PledgeProperties pledge;
	private final java.time.Clock clock;

	Alerter(AlertThrottle throttle, Mailer mailer, Accounts accounts, PatrolProperties properties,
			PledgeProperties pledge, java.time.Clock clock) {
		this.throttle = throttle;
		this.mailer = mailer;
		this.accounts = accounts;
		this.properties = properties;
		this.pledge = pledge;
		this.clock = clock;
	}

	@Override
	public PatrolProperties.Response response() {
		return PatrolProperties.Response.ALERT;
	}

	@Override
	public Long respond(Answer answer) {
		PatrolProperties.Rule rule = answer.settings();
		String summary = "rule " + answer.rule() + ", attack #" + answer.nth() + " on one " + key(rule) + ": "
				+ rule.threshold() + " detections within " + rule.window().toString().substring(2).toLowerCase()
				+ ", answered at " + answer.now().truncatedTo(ChronoUnit.SECONDS) + " (detection " + answer.detectionId()
				+ ")";
		PatrolProperties.Alerts alerts = properties.alerts();
		if (!throttle.admit(CHANNEL, alerts.max(), alerts.window(), summary, answer.now())) {
			return null; // held for the digest
		}
		String subject = "[Secure Patrol] Rule " + answer.rule() + " answered attack #" + answer.nth();
		String body = "Secure Patrol answered an attack: " + summary + ".\n\nDetection points: " + rule.points()
				+ "\nResponses: " + rule.responses() + "\n\nThe detections, with their sources, and the responses in force"
				+ " (lift them there):\n" + pledge.link("/admin/patrol") + "\n";
		recipients().forEach(to -> mailer.send(new Mail(to, subject, body)));
		return null;
	}

	/** The alerts the throttle held back, as one mail per ended window; every node runs it, one mails each digest. */
	@Scheduled(fixedDelayString = "PT30S", initialDelayString = "PT30S")
	@Transactional
	public void sendDigests() {
		for (AlertThrottle.Digest digest : throttle.takeEnded(CHANNEL, clock.instant())) {
			String body = digest.lines().size() + " more attacks were answered in the window that ended at "
					+ digest.windowEndedAt().truncatedTo(ChronoUnit.SECONDS)
					+ "; their alerts were held back so as not to flood your mailbox:\n\n"
					+ String.join("\n", digest.lines()) + "\n\n" + pledge.link("/admin/patrol") + "\n";
			String subject = "[Secure Patrol] Digest: " + digest.lines().size() + " more attacks answered";
			recipients().forEach(to -> mailer.send(new Mail(to, subject, body)));
		}
	}

	private List<String> recipients() {
		if (!properties.alerts().recipients().isEmpty()) {
			return properties.alerts().recipients();
		}
		return accounts.administratorAddresses();
	}

	private static String key(PatrolProperties.Rule rule) {
		return switch (rule.key()) {
			case ADDRESS -> "address";
			case ACCOUNT -> "account";
			case SESSION -> "session";
			case SYSTEM -> "system";
			case SITE -> "site (all traffic)";
		};
	}
}
