package eu.pledge.access;

import java.time.Clock;
import java.time.Instant;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.RecordKey;
import eu.pledge.shared.Vault;

/**
 * Deletes invitations whose link has expired: an invitation holds the keyed index of someone's email, and
 * "not longer than necessary" ends when the link can no longer be used. A retention rule the privacy module's
 * sweeper runs; idempotent.
 */
@Component
class ExpiredInvitations implements RetentionRule {

	private final InvitationRepository invitations;
	private final Clock clock;
	private final Vault vault;

	ExpiredInvitations(InvitationRepository invitations, Clock clock, Vault vault) {
		this.vault = vault;
		this.invitations = invitations;
		this.clock = clock;
	}

	@Override
	public String name() {
		return "expired-invitations";
	}

	@Override
	public String category() {
		return "memberships";
	}

	@Override
	@Transactional
	public long sweep(Instant now) {
		// the sealed addresses' keys first: with them gone, no copy of the rows (a backup) can be read
		invitations.expiredKeys(now).forEach(key -> vault.destroy(new RecordKey(key)));
		return invitations.deleteExpired(now);
	}

	/** Deletes what has expired now (tests; the sweeper calls {@link #sweep(Instant)}). */
	int purge() {
		return (int) sweep(clock.instant());
	}
}
