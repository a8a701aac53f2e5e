package eu.pledge.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import org.slf4j.MDC;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;

/**
 * Writes every {@link Auditable} fact. BEFORE_COMMIT runs in the publisher's transaction and thread: if the
 * insert fails the action rolls back, if the action rolls back after publishing the row goes with it; and the
 * request id (MDC) and the signed-in person (security context) are still those of the request. Deliberately
 * not an {@code @ApplicationModuleListener}: the publication registry commits first and writes later.
 */
@Component
class AuditRecorder {

	/** Set by the web edge for every request (web.RequestIdFilter). */
	static final String REQUEST_ID = "requestId";

	private final AuditEvents events;
	private final AuditProperties properties;
	private final Clock clock;
	private final TransactionTemplate separate;

	AuditRecorder(AuditEvents events, AuditProperties properties, Clock clock, PlatformTransactionManager transactions) {
		this.events = events;
		this.properties = properties;
		this.clock = clock;
		this.separate = new TransactionTemplate(transactions);
		this.separate.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	@TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
	void record(Auditable fact) {
		AuditEntry entry = fact.auditEntry();
		// Microseconds: what both databases store, so the digest reads back exactly what was written.
		Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
		UUID actor = entry.actor() != null ? entry.actor().value() : signedIn();
		String requestId = MDC.get(REQUEST_ID);
		AuditEvents.NewEvent row = new AuditEvents.NewEvent(properties.periodOf(now), now, actor, entry.action(),
				entry.targetType(), entry.targetId(), entry.outcome().name(),
				requestId != null && requestId.length() <= 64 ? requestId : null, entry.detail());
		if (TransactionSynchronizationManager.isCurrentTransactionReadOnly()) {
			// A read-only transaction (PostgreSQL refuses writes in it) changed nothing that could roll back.
			separate.executeWithoutResult(status -> events.insert(row));
		}
		else {
			events.insert(row);
		}
	}

	/** The account signed in on this thread's request; sessions use the account id as principal name. */
	private static UUID signedIn() {
		Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof AnonymousAuthenticationToken) {
			return null;
		}
		try {
			return UUID.fromString(authentication.getName());
		}
		catch (IllegalArgumentException ex) {
			return null; // not a person (e.g. a test or system principal): recorded as the system
		}
	}
}
