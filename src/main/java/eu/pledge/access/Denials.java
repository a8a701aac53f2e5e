package eu.pledge.access;

import java.time.Clock;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Permission;

/**
 * Publishes {@link AccessDenied} in a transaction of its own: a refusal usually ends the caller's transaction
 * with a rollback, which must not take the record of the refusal with it.
 */
@Component
class Denials {

	private final ApplicationEventPublisher events;
	private final Clock clock;

	Denials(ApplicationEventPublisher events, Clock clock) {
		this.events = events;
		this.clock = clock;
	}

	@Transactional(propagation = Propagation.REQUIRES_NEW)
	public void publish(AccountId account, Permission permission, String target, String rule) {
		events.publishEvent(new AccessDenied(account, permission, target, rule, clock.instant()));
	}
}
