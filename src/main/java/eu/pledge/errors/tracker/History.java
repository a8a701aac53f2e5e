package eu.pledge.errors.tracker;

import static eu.pledge.errors.tracker.IssueRepository.instant;
import static eu.pledge.errors.tracker.IssueRepository.ts;

import java.time.Instant;
import java.util.List;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import io.swagger.v3.oas.annotations.media.Schema;

/** Each issue's history (who changed what, when) and its comments. */
@Repository
class History {

	private static final String INSERT = """
			INSERT INTO error_issue_history (issue_id, at, actor, action, detail) VALUES (:issue, :at, :actor, :action, :detail)""";
	private static final String LIST = """
			SELECT at, actor, action, detail FROM error_issue_history WHERE issue_id = :issue ORDER BY id DESC LIMIT 200""";
	private static final String COMMENT = """
			INSERT INTO error_comments (issue_id, author, created_at, body) VALUES (:issue, :author, :at, :body)""";
	private static final String COMMENTS = """
			SELECT id, author, created_at, body FROM error_comments WHERE issue_id = :issue ORDER BY id""";

	/** One change; actor null: the tracker itself. */
	@Schema(name = "IssueHistoryEntry") // one schema name per type in the API document
	record Entry(Instant at, String actor, String action, String detail) {
	}

	record Comment(long id, String author, Instant createdAt, String body) {
		@Override
		public String toString() {
			return "Comment[id=" + id + "]";
		}
	}

	private final JdbcClient jdbc;

	History(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	void record(long issue, Instant at, String actor, String action, String detail) {
		jdbc.sql(INSERT).param("issue", issue).param("at", ts(at)).param("actor", actor).param("action", action)
				.param("detail", EventRepository.cut(detail, 500)).update();
	}

	List<Entry> of(long issue) {
		return jdbc.sql(LIST).param("issue", issue).query((rs, n) -> new Entry(instant(rs.getTimestamp("at")),
				rs.getString("actor"), rs.getString("action"), rs.getString("detail"))).list();
	}

	void comment(long issue, String author, Instant at, String body) {
		jdbc.sql(COMMENT).param("issue", issue).param("author", author).param("at", ts(at)).param("body", body).update();
	}

	List<Comment> comments(long issue) {
		return jdbc.sql(COMMENTS).param("issue", issue).query((rs, n) -> new Comment(rs.getLong("id"),
				rs.getString("author"), instant(rs.getTimestamp("created_at")), rs.getString("body"))).list();
	}
}
