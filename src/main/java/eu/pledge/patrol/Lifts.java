package eu.pledge.patrol;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.protection.Decisions;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/** Administrators end a response early: the decision is lifted and the lift is an audit event. */
@Service
class Lifts {

	private final Decisions decisions;
	private final ApplicationEventPublisher events;

	Lifts(Decisions decisions, ApplicationEventPublisher events) {
		this.decisions = decisions;
		this.events = events;
	}

	@Transactional
	void lift(AccountId by, long decisionId) {
		if (!decisions.lift(decisionId)) {
			throw new Rejected(HttpStatus.NOT_FOUND, "There is no decision " + decisionId + " in force.");
		}
		events.publishEvent(new PatrolLifted(by, decisionId));
	}
}
