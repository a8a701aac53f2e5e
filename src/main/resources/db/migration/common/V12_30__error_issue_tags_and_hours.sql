-- Codana's issue page like Sentry's: the distribution of each tag's values over an issue's events (environment,
-- release, level, platform, server, and the tags the SDK sends), and the events per hour for the trend. Both are
-- counted when the events are stored (one batch per store, under the issue's row lock), so the page reads a few
-- rows instead of every event, and both outlive the trimmed events (pledge.errors.events-per-issue).
-- Retention: rows whose last event is older than pledge.errors.retention are deleted (ErrorRetention); tag
-- values are scrubbed like the events and user-identifying tags are not counted.

CREATE TABLE error_issue_tags (
	issue_id BIGINT NOT NULL,
	tag_key VARCHAR(64) NOT NULL,
	tag_value VARCHAR(200) NOT NULL,
	event_count BIGINT NOT NULL,
	first_seen TIMESTAMP WITH TIME ZONE NOT NULL,
	last_seen TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT error_issue_tags_pk PRIMARY KEY (issue_id, tag_key, tag_value)
);
-- the issue list's environment filter, and the picker of environments
CREATE INDEX error_issue_tags_value_idx ON error_issue_tags (tag_key, tag_value, issue_id);
CREATE INDEX error_issue_tags_seen_idx ON error_issue_tags (last_seen);

CREATE TABLE error_issue_hours (
	issue_id BIGINT NOT NULL,
	hour_start TIMESTAMP WITH TIME ZONE NOT NULL,
	event_count BIGINT NOT NULL,
	CONSTRAINT error_issue_hours_pk PRIMARY KEY (issue_id, hour_start)
);
CREATE INDEX error_issue_hours_hour_idx ON error_issue_hours (hour_start);

-- the issue list's release filter
CREATE INDEX error_issue_releases_name_idx ON error_issue_releases (release_name, issue_id);
-- the issue list's assignee filter
CREATE INDEX error_issues_assignee_idx ON error_issues (assignee, last_seen);
