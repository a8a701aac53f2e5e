package eu.pledge.access;

import java.time.Clock;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes invitations whose link has expired: an invitation holds the keyed index of someone's email, and
 * "not longer than necessary" ends when the link can no longer be used. Idempotent, so every node may run it.
 */
@Component
class ExpiredInvitations {

	private static final Logger log = LoggerFactory.getLogger(ExpiredInvitations.class);

	private final InvitationRepository invitations;
	private final Clock clock;

	ExpiredInvitations(InvitationRepository invitations, Clock clock) {
		this.invitations = invitations;
		this.clock = clock;
	}

	@Scheduled(fixedDelayString = "${pledge.access.invitation-purge-interval:1h}", initialDelayString = "1m")
	int purge() {
		int deleted = invitations.deleteExpired(clock.instant());
		if (deleted > 0) {
			log.info("Deleted {} expired invitations", deleted);
		}
		return deleted;
	}
}
