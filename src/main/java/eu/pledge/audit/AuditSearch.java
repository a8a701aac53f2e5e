package eu.pledge.audit;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Searching the trail, newest first, a page at a time; the API and the pages both use it. */
@Service
class AuditSearch {

	private final AuditEvents events;

	AuditSearch(AuditEvents events) {
		this.events = events;
	}

	@Transactional(readOnly = true)
	Page search(AuditFilter filter) {
		List<AuditEvents.StoredEvent> rows = events.search(filter);
		boolean more = rows.size() > filter.size();
		List<AuditEvents.StoredEvent> shown = more ? rows.subList(0, filter.size()) : rows;
		AuditEvents.StoredEvent last = shown.isEmpty() ? null : shown.get(shown.size() - 1);
		return new Page(shown.stream().map(Entry::of).toList(),
				more ? new AuditFilter.Cursor(last.occurredAt(), last.id()).encode() : null);
	}

	/** One page; {@code next} is the cursor of the following page, or null on the last one. */
	record Page(List<Entry> items, String next) {
	}

	/** An audit event as shown: ids and codes only. A null actor is the system (or nobody signed in). */
	record Entry(long id, Instant occurredAt, String actor, String action, String targetType, String targetId,
			String outcome, String requestId, Map<String, String> detail) {

		static Entry of(AuditEvents.StoredEvent event) {
			return new Entry(event.id(), event.occurredAt(), event.actor() == null ? null : event.actor().toString(),
					event.action(), event.targetType(), event.targetId(), event.outcome(), event.requestId(),
					AuditEvents.detail(event.detail()));
		}
	}
}
