package eu.pledge.errors.tracker;

import org.springframework.test.context.TestPropertySource;

/**
 * The tracker's context for tests that make hundreds of issues (paging): at most five alert mails a window, so
 * their "new issue" mails do not queue ahead of the mails the other tracker tests wait for. A context (and so a
 * database) of its own.
 */
@TestPropertySource(properties = "pledge.errors.alerts.max-per-window=5")
abstract class ManyIssuesHttpTest extends ErrorsHttpTest {
}
