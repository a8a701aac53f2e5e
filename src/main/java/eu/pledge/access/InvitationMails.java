package eu.pledge.access;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.Instant;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Mail;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.PledgeProperties;

/** The wording of the invitation mail. */
@Component
class InvitationMails {

	private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
			.withZone(ZoneOffset.UTC);

	private final Mailer mailer;
	private final PledgeProperties pledge;

	InvitationMails(Mailer mailer, PledgeProperties pledge) {
		this.mailer = mailer;
		this.pledge = pledge;
	}

	void invitation(String to, Organization organization, Role role, String token, Instant expiresAt) {
		mailer.send(new Mail(to, "You are invited to join " + organization.name() + " on Pledge", """
				You are invited to join the organisation %s on Pledge as %s.

				Sign in with this email address (or create an account with it first), then open this link
				to accept. It works once, until %s:

				%s

				If you did not expect this invitation, ignore this mail.""".formatted(organization.name(),
				role.name().toLowerCase(), WHEN.format(expiresAt), pledge.link("/invitations/accept?token=" + token))));
	}
}
