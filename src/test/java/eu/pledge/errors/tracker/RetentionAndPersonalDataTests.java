package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.AccountId;

class RetentionAndPersonalDataTests extends ErrorsHttpTest {

	@Autowired
	List<RetentionRule> rules;

	@Autowired
	List<PersonalDataHolder> holders;

	@Autowired
	ErrorEventsCheck check;

	private ErrorEvent byAccount(String text, AccountId account, String requestId) {
		return new ErrorEvent(null, ErrorEvent.PLEDGE_PROJECT, Instant.now(), "error", "java", List.of(), text, text, null,
				"1.0.0", "test", null, new ErrorEvent.RequestInfo("GET", "/account", requestId), account.toString(), Map.of());
	}

	@Test
	void eventsOlderThanTheRetentionAreDeletedAndOpenIssuesStayWithoutPersonalContext() {
		RetentionRule rule = rules.stream().filter(r -> r.name().equals("error-events")).findFirst().orElseThrow();
		assertThat(rule.category()).isEqualTo("error-events");
		AccountId account = AccountId.random();
		String open = unique("Old open bug");
		String resolved = unique("Old resolved bug");
		long openId = tracker.capture(byAccount(open, account, "retention-req-1")).issueId();
		long resolvedId = tracker.capture(byAccount(resolved, account, "retention-req-2")).issueId();
		jdbc.sql("UPDATE error_issues SET status = 'resolved' WHERE id = :id").param("id", resolvedId).update();

		clock.advance(Duration.ofDays(59));
		String recent = unique("Recent bug");
		long recentId = tracker.capture(byAccount(recent, account, "retention-req-3")).issueId();
		assertThat(rule.sweep(clock.instant())).as("nothing is 60 days old yet").isZero();
		assertThat(count("SELECT COUNT(*) FROM error_issue_tags WHERE issue_id = ?", openId)).isPositive();
		assertThat(count("SELECT COUNT(*) FROM error_issue_hours WHERE issue_id = ?", openId)).isEqualTo(1);

		assertThat(check.check(clock.instant()).passed()).as("nothing past its period").isTrue();
		clock.advance(Duration.ofDays(2));
		assertThat(check.check(clock.instant()).passed()).as("the compliance check sees the overdue events").isFalse();
		assertThat(rule.sweep(clock.instant())).isGreaterThanOrEqualTo(2);
		assertThat(check.check(clock.instant()).passed()).isTrue();
		assertThat(count("SELECT COUNT(*) FROM error_events WHERE issue_id IN (?, ?)", openId, resolvedId)).isZero();
		assertThat(count("SELECT COUNT(*) FROM error_issue_accounts WHERE issue_id = ?", openId)).isZero();
		assertThat(count("SELECT COUNT(*) FROM error_issues WHERE id = ?", openId)).as("open: kept").isEqualTo(1);
		assertThat(issue(openId).eventCount()).isEqualTo(1);
		assertThat(count("SELECT COUNT(*) FROM error_issues WHERE id = ?", resolvedId)).as("resolved: gone").isZero();
		assertThat(count("SELECT COUNT(*) FROM error_events WHERE issue_id = ?", recentId)).isEqualTo(1);
		// the tag counts and the trend of those days go with the events; the recent issue's stay
		assertThat(count("SELECT COUNT(*) FROM error_issue_tags WHERE issue_id IN (?, ?)", openId, resolvedId)).isZero();
		assertThat(count("SELECT COUNT(*) FROM error_issue_hours WHERE issue_id IN (?, ?)", openId, resolvedId)).isZero();
		assertThat(count("SELECT COUNT(*) FROM error_issue_tags WHERE issue_id = ?", recentId)).isPositive();
		assertThat(count("SELECT COUNT(*) FROM error_issue_hours WHERE issue_id = ?", recentId)).isEqualTo(1);
		assertThat(rule.sweep(clock.instant())).as("idempotent").isZero();
	}

	@Test
	void aPersonsErrorEventsAreExportedAndErasedWithTheirAccount() {
		PersonalDataHolder holder = holders.stream().filter(ErrorPersonalData.class::isInstance).findFirst().orElseThrow();
		assertThat(holder.describe()).allMatch(store -> store.category().equals("error-events"))
				.anyMatch(store -> store.location().equals("table:error_events"))
				.anyMatch(store -> store.location().equals("table:error_issue_tags"))
				.anyMatch(store -> store.location().equals("table:error_issue_hours"));
		AccountId account = AccountId.random();
		AccountId someoneElse = new AccountId(UUID.randomUUID());
		String text = unique("Profile page broke");
		long id = tracker.capture(byAccount(text, account, "privacy-req-1")).issueId();
		tracker.capture(byAccount(text, someoneElse, "privacy-req-2"));
		// a system that names the person in a tag of its own: counted, and erased with them
		tracker.capture(new ErrorEvent(null, ErrorEvent.PLEDGE_PROJECT, Instant.now(), "error", "java", List.of(), text,
				text, null, "1.0.0", "test", null, null, null, Map.of("customer", account.toString())));
		assertThat(count("SELECT COUNT(*) FROM error_issue_tags WHERE tag_value = ?", account.toString())).isEqualTo(1);

		List<HeldItem> held = holder.export(account);
		assertThat(held).hasSize(1);
		assertThat(held.get(0).category()).isEqualTo("error-events");
		assertThat(held.get(0).data().toString()).doesNotContain(someoneElse.toString());
		assertThat(held.get(0).deletedBy()).isNotNull();

		holder.erase(account);
		assertThat(holder.export(account)).isEmpty();
		assertThat(count("SELECT COUNT(*) FROM error_events WHERE account_id = ?", account.toString())).isZero();
		assertThat(count("SELECT COUNT(*) FROM error_issue_accounts WHERE account_id = ?", account.toString())).isZero();
		assertThat(count("SELECT COUNT(*) FROM error_issue_tags WHERE tag_value = ?", account.toString())).isZero();
		assertThat(count("SELECT COUNT(*) FROM error_events WHERE issue_id = ?", id)).as("events stay, anonymous").isEqualTo(3);
		assertThat(holder.export(someoneElse)).hasSize(1);
	}
}
