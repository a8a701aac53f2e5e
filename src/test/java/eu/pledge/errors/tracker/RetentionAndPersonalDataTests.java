package eu.pledge.errors.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

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

	@Autowired
	PlatformTransactionManager transactions;

	@Autowired
	Issues issues;

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
	void anEventForAnIssueThatRetentionIsDeletingRightNowOpensANewIssue() throws Exception {
		AccountId account = AccountId.random();
		String text = unique("Resolved long ago");
		long oldId = tracker.capture(byAccount(text, account, "retention-req-8")).issueId();
		jdbc.sql("UPDATE error_issues SET status = 'resolved' WHERE id = :id").param("id", oldId).update();
		// Retention deleting the issue as its sweep does; it commits only after the event has found the issue by
		// its fingerprint and is waiting to lock it.
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		CountDownLatch deleted = new CountDownLatch(1);
		ExecutorService retention = Executors.newSingleThreadExecutor();
		try {
			Future<?> sweep = retention.submit(() -> transaction.executeWithoutResult(status -> {
				for (String table : List.of("error_fingerprints", "error_issue_releases", "error_issue_history",
						"error_comments", "error_alerts", "error_issue_tags", "error_issue_hours", "error_events",
						"error_issue_accounts")) {
					jdbc.sql("DELETE FROM " + table + " WHERE issue_id = :id").param("id", oldId).update();
				}
				jdbc.sql("DELETE FROM error_issues WHERE id = :id").param("id", oldId).update();
				deleted.countDown();
				try {
					Thread.sleep(1500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(deleted.await(30, TimeUnit.SECONDS)).isTrue();

			Tracker.Captured again = tracker.capture(byAccount(text, account, "retention-req-9"));

			sweep.get(30, TimeUnit.SECONDS);
			assertThat(again.issueId()).isNotEqualTo(oldId);
			assertThat(again.newIssue()).isTrue();
		}
		finally {
			retention.shutdownNow();
		}
		assertThat(count("SELECT COUNT(*) FROM error_issues WHERE id = ?", oldId)).isZero();
		assertThat(issue(tracker.capture(byAccount(text, account, "retention-req-10")).issueId()).eventCount())
				.as("the new issue counts on").isEqualTo(2);
	}

	@Test
	void anIssueThatRegressesWhileRetentionDeletesItStaysWithAllItsParts() throws Exception {
		RetentionRule rule = rules.stream().filter(r -> r.name().equals("error-events")).findFirst().orElseThrow();
		AccountId account = AccountId.random();
		String text = unique("Resolved, then back");
		long id = tracker.capture(byAccount(text, account, "retention-req-11")).issueId();
		jdbc.sql("UPDATE error_issues SET status = 'resolved' WHERE id = :id").param("id", id).update();
		clock.advance(Duration.ofDays(61));
		// An event bringing it back is being stored: its transaction has regressed the issue (as the store does)
		// and holds the row while retention, which saw the issue closed and old, comes to delete it.
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		CountDownLatch regressed = new CountDownLatch(1);
		ExecutorService store = Executors.newSingleThreadExecutor();
		try {
			Future<?> event = store.submit(() -> transaction.executeWithoutResult(status -> {
				jdbc.sql("UPDATE error_issues SET status = 'regressed', last_seen = :now WHERE id = :id")
						.param("now", java.sql.Timestamp.from(clock.instant())).param("id", id).update();
				regressed.countDown();
				try {
					Thread.sleep(1500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(regressed.await(30, TimeUnit.SECONDS)).isTrue();

			rule.sweep(clock.instant());

			event.get(30, TimeUnit.SECONDS);
		}
		finally {
			store.shutdownNow();
		}
		assertThat(issue(id).status()).isEqualTo("regressed");
		assertThat(count("SELECT COUNT(*) FROM error_fingerprints WHERE issue_id = ?", id)).isEqualTo(1);
		assertThat(tracker.capture(byAccount(text, account, "retention-req-13")).issueId()).isEqualTo(id);
	}

	@Test
	void aCommentOnAnIssueThatRetentionIsDeletingRightNowGoesWithTheIssue() throws Exception {
		RetentionRule rule = rules.stream().filter(r -> r.name().equals("error-events")).findFirst().orElseThrow();
		AccountId engineer = AccountId.random();
		long id = tracker.capture(byAccount(unique("Resolved, then discussed"), AccountId.random(), "retention-req-14"))
				.issueId();
		jdbc.sql("UPDATE error_issues SET status = 'resolved' WHERE id = :id").param("id", id).update();
		clock.advance(Duration.ofDays(61));
		// An engineer's comment is being stored (its transaction has not committed yet) while retention, which saw
		// the issue closed and old, comes to delete it: the comment must not outlive its issue.
		TransactionTemplate transaction = new TransactionTemplate(transactions);
		CountDownLatch commented = new CountDownLatch(1);
		ExecutorService engineers = Executors.newSingleThreadExecutor();
		try {
			Future<?> comment = engineers.submit(() -> transaction.executeWithoutResult(status -> {
				issues.comment(id, "Seen again on the staging system?", engineer);
				commented.countDown();
				try {
					Thread.sleep(1500);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			}));
			assertThat(commented.await(30, TimeUnit.SECONDS)).isTrue();

			rule.sweep(clock.instant());

			comment.get(30, TimeUnit.SECONDS);
		}
		finally {
			engineers.shutdownNow();
		}
		assertThat(count("SELECT COUNT(*) FROM error_issues WHERE id = ?", id)).as("the issue").isZero();
		assertThat(count("SELECT COUNT(*) FROM error_comments WHERE issue_id = ?", id)).as("its comment").isZero();
		assertThat(count("SELECT COUNT(*) FROM error_issue_history WHERE issue_id = ?", id)).as("its history").isZero();
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
