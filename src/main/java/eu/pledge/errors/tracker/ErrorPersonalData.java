package eu.pledge.errors.tracker;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;

/**
 * What the error tracker holds about a person: the error events of requests they were signed in on (scrubbed,
 * with their account id), and the issues those affected. Erasure removes the account id everywhere in the
 * tracker; the events themselves stay, anonymous, until retention deletes them.
 */
@Component
class ErrorPersonalData implements PersonalDataHolder {

	private static final String CATEGORY = "error-events";

	private final EventRepository events;
	private final JdbcClient jdbc;
	private final ErrorsProperties properties;

	ErrorPersonalData(EventRepository events, JdbcClient jdbc, ErrorsProperties properties) {
		this.events = events;
		this.jdbc = jdbc;
		this.properties = properties;
	}

	/** One error event as a person's export shows it. */
	record HeldEvent(String eventId, long issueId, Instant occurredAt, String level, String message, String method,
			String route, String requestId) {
		@Override
		public String toString() {
			return "HeldEvent[eventId=" + eventId + "]";
		}
	}

	@Override
	public List<DataStore> describe() {
		// Issues, their history and comments name engineers (assignee, actor, author) and live while the issue is open.
		return List.of(new DataStore(CATEGORY, "table:error_events", properties.retention()),
				new DataStore(CATEGORY, "table:error_issue_accounts", properties.retention()),
				new DataStore(CATEGORY, "table:error_issue_requests", properties.retention()),
				new DataStore(CATEGORY, "table:error_issue_tags", properties.retention()),
				new DataStore(CATEGORY, "table:error_issue_hours", properties.retention()),
				new DataStore(CATEGORY, "table:error_issues", null),
				new DataStore(CATEGORY, "table:error_issue_history", null),
				new DataStore(CATEGORY, "table:error_comments", null));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return events.ofAccount(account.toString()).stream()
				.map(e -> new HeldItem(CATEGORY, "error-event",
						new HeldEvent(e.eventId(), e.issueId(), e.occurredAt(), e.level(), e.message(), e.requestMethod(),
								e.route(), e.requestId()),
						e.receivedAt().plus(properties.retention())))
				.toList();
	}

	@Override
	public void erase(AccountId account) {
		Map<String, Object> id = Map.of("account", account.toString());
		jdbc.sql("UPDATE error_events SET account_id = NULL WHERE account_id = :account").params(id).update();
		jdbc.sql("DELETE FROM error_issue_accounts WHERE account_id = :account").params(id).update();
		// a tag the sender set to the person's id (user tags are not counted, but a system may name its own)
		jdbc.sql("DELETE FROM error_issue_tags WHERE tag_value = :account").params(id).update();
		jdbc.sql("UPDATE error_issues SET assignee = NULL WHERE assignee = :account").params(id).update();
		jdbc.sql("UPDATE error_issue_history SET actor = NULL WHERE actor = :account").params(id).update();
		jdbc.sql("UPDATE error_issue_history SET detail = NULL WHERE action = 'assigned' AND detail = :account").params(id)
				.update();
		jdbc.sql("UPDATE error_comments SET author = NULL WHERE author = :account").params(id).update();
	}
}
