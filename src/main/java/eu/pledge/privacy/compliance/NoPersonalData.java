package eu.pledge.privacy.compliance;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The reviewed allow-list of tables that hold no personal data, each with its reason. A table is either here or
 * declared by some holder's {@link eu.pledge.privacy.spi.DataStore}; anything else fails the inventory check.
 * Adding a table here is a privacy review: say in one line why nothing in it is about a person.
 */
final class NoPersonalData {

	/**
	 * @param table the table name as the database reports it (lower case)
	 * @param reason why it holds nothing about a person
	 * @param reviewedColumns columns whose name looks personal but were reviewed and are not (e.g. a company name)
	 */
	record Entry(String table, String reason, Set<String> reviewedColumns) {
	}

	static final List<Entry> TABLES = List.of(
			new Entry("flyway_schema_history", "migration bookkeeping: script names, checksums, dates", Set.of()),
			new Entry("oauth2_registered_client",
					"the OAuth clients of the vendor's systems: the system's app name, redirect URIs, digests of their secrets",
					Set.of("client_name")),
			new Entry("sso_signing_keys", "the keys that sign tokens, the private part sealed in the vault", Set.of()),
			new Entry("event_publication",
					"the event registry: event types and ids only (every event record carries ids, never names, emails or addresses); delivered ones are deleted after pledge.privacy.completed-event-retention",
					Set.of()),
			new Entry("access_organizations", "the vendor's customers: company names and status, not about a person",
					Set.of("name")),
			new Entry("access_contracts", "contract terms (period, seats, status) between the vendor and a company",
					Set.of()),
			new Entry("access_contract_grants", "which access level a contract grants per system", Set.of()),
			new Entry("audit_periods", "the audit trail's signed digests and event counts per period; no event content",
					Set.of()),
			new Entry("audit_chain_head", "the newest closed audit period and its signature; no event content",
					Set.of()),
			new Entry("audit_checkpoints", "signed digests of the open audit periods' events, with their ids and the "
					+ "first four bytes of each event's hash; no event content", Set.of()),
			new Entry("audit_checkpoint_head", "the newest audit checkpoint's period, number and signature; no event "
					+ "content", Set.of()),
			new Entry("audit_seal_lock", "one row the audit trail locks while it closes a period or erases a person",
					Set.of()),
			new Entry("vault_key_check",
					"one random value wrapped under the master key, to refuse a start with another key; about nobody",
					Set.of()),
			new Entry("setup_tokens", "the SHA-256 of the one-time first-administrator link; refers to nobody",
					Set.of()),
			new Entry("privacy_sweep_locks", "the retention sweeper's locks and last counts per rule", Set.of()),
			new Entry("serverlogs_nodes", "the nodes writing server logs: their names, heartbeats and log file counts",
					Set.of()),
			new Entry("contact_used_challenges", "ids of spent contact-form challenges (random) until they expire",
					Set.of()),
			new Entry("protection_used_questions", "ids of spent sign-in questions (random) until they expire",
					Set.of()),
			new Entry("error_projects", "the vendor's software systems reporting errors: names and DSN keys, no person",
					Set.of("name")),
			new Entry("error_project_keys", "SHA-256 hashes of projects' DSN keys with a short hint; no person",
					Set.of()),
			new Entry("error_fingerprints", "hashes of error fingerprints and the issue each belongs to", Set.of()),
			new Entry("error_issue_releases", "which software releases an error issue was seen in",
					Set.of("release_name")),
			new Entry("patrol_keys", "keys of the CrowdSec bouncers and vendor systems talking to Secure Patrol: names, SHA-256s, last use; no person",
					Set.of("name")),
			new Entry("error_alerts", "which error alerts were mailed or held back, by issue and kind; no recipient",
					Set.of()),
			new Entry("alert_windows", "per alert channel (patrol, errors): the throttle window's end and how many alert mails left in it",
					Set.of()),
			new Entry("alert_held", "alerts held for a digest: a rule or issue name, counts and a record id; no address, account or recipient",
					Set.of()));

	/** Column names that suggest data about a person; such a column in an allow-listed table needs a review. */
	static final Pattern PERSONAL_COLUMN = Pattern.compile(
			"(^|_)(e?mail|name|first_?name|last_?name|street|postal|zip|city|country|address|phone|ip|user_?agent|birth\\w*|message|body|recipient)($|_)");

	private NoPersonalData() {
	}

	static Optional<Entry> entry(String table) {
		return TABLES.stream().filter(entry -> entry.table().equals(table)).findFirst();
	}
}
