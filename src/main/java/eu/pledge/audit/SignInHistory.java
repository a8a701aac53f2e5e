package eu.pledge.audit;

import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.SignIns;
import eu.pledge.shared.AccountId;

/**
 * Who signed in during a window, for the privacy module's breach notices. The trail answers only as far back as
 * its retention keeps events; an erased account appears as its pseudonym, which no longer has an address.
 */
@Component
class SignInHistory implements SignIns {

	private final AuditEvents events;

	SignInHistory(AuditEvents events) {
		this.events = events;
	}

	@Override
	@Transactional(readOnly = true)
	public Set<AccountId> succeededBetween(Instant from, Instant to) {
		Set<AccountId> accounts = new LinkedHashSet<>();
		events.signedIn(from, to).forEach(id -> accounts.add(new AccountId(id)));
		return accounts;
	}
}
