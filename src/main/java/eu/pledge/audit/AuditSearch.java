package eu.pledge.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import io.swagger.v3.oas.annotations.media.Schema;

/** Searching the trail, newest first, a page at a time; the API and the pages both use it. */
@Service
class AuditSearch {

	private final AuditEvents events;

	AuditSearch(AuditEvents events) {
		this.events = events;
	}

	@Transactional(readOnly = true)
	Page search(AuditCriteria filter) {
		List<AuditEvents.StoredEvent> rows = events.search(filter);
		boolean more = rows.size() > filter.size();
		List<AuditEvents.StoredEvent> shown = more ? rows.subList(0, filter.size()) : rows;
		AuditEvents.StoredEvent last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
		return new Page(shown.stream().map(event -> Entry.of(event, filter.involving())).toList(),
				more ? new AuditCriteria.Cursor(last.occurredAt(), last.id()).encode() : null);
	}

	/** One page; {@code next} is the cursor of the following page, or null on the last one. */
	@Schema(name = "AuditPage") // one schema name per type in the API document
	record Page(List<Entry> items, String next) {
	}

	/**
	 * An audit event as shown: ids and codes only. A null actor is the system (or nobody signed in). In a
	 * person's own view another person's account id is not theirs to see: the actor shows as
	 * {@value #ANOTHER_ACCOUNT}, as in the export.
	 */
	@Schema(name = "AuditEntry") // one schema name per type in the API document
	record Entry(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
			String outcome, String requestId, Map<String, String> detail) {

		static final String ANOTHER_ACCOUNT = "another account";

		static Entry of(AuditEvents.StoredEvent event, UUID viewer) {
			String actor = event.actor() == null ? null
					: viewer == null || viewer.equals(event.actor()) ? event.actor().toString() : ANOTHER_ACCOUNT;
			return new Entry(event.id(), event.occurredAt(), actor,
					event.action(), event.targetType(), event.targetId(), event.outcome(), event.requestId(),
					AuditEvents.detail(event.detail()));
		}
	}
}
