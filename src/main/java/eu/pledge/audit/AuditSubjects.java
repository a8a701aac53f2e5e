package eu.pledge.audit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The {@code audit_subjects} table: the sealed pseudonym of every id the trail names. A closed period's digest
 * covers the pseudonym where an event names an id (see {@link Chain}), so an erasure can write the pseudonym
 * into the person's rows and delete the mapping without changing any digest. Pseudonyms are UUIDs of version
 * 8, ids are not (accounts, organisations, contracts are random version-4 UUIDs), so a pseudonym is never
 * mistaken for an id that needs one.
 */
@Repository
class AuditSubjects {

	static final Pattern UUID_TEXT = Pattern
			.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private static final String LOCK = "SELECT id FROM audit_seal_lock WHERE id = 1 FOR UPDATE";
	// Ids a period names as actor or target that have no pseudonym yet (ids in detail: see missingIn).
	private static final String UNMAPPED = """
			SELECT DISTINCT CAST(e.actor AS VARCHAR(36)) FROM audit_events e
			WHERE e.period = :period AND e.actor IS NOT NULL
			  AND NOT EXISTS (SELECT 1 FROM audit_subjects s WHERE s.subject = CAST(e.actor AS VARCHAR(36)))
			UNION
			SELECT DISTINCT e.target_id FROM audit_events e
			WHERE e.period = :period AND e.target_id IS NOT NULL
			  AND NOT EXISTS (SELECT 1 FROM audit_subjects s WHERE s.subject = e.target_id)
			""";
	private static final String DETAILS_WITH_IDS = """
			SELECT DISTINCT detail FROM audit_events WHERE period = :period AND detail LIKE '%-%-%-%-%'""";
	private static final String FIND = "SELECT subject, pseudonym FROM audit_subjects WHERE subject IN (:subjects)";
	private static final String INSERT = """
			INSERT INTO audit_subjects (subject, pseudonym, last_period) VALUES (:subject, :pseudonym, :period)""";
	// The mapping is kept as long as a retained period names the id: each sealed period moves it forward.
	private static final String NAMED_AS_ACTOR_OR_TARGET = """
			UPDATE audit_subjects SET last_period = :period
			WHERE last_period < :period AND subject IN (
			  SELECT CAST(actor AS VARCHAR(36)) FROM audit_events WHERE period = :period AND actor IS NOT NULL
			  UNION
			  SELECT target_id FROM audit_events WHERE period = :period AND target_id IS NOT NULL)""";
	private static final String NAMED = """
			UPDATE audit_subjects SET last_period = :period WHERE last_period < :period AND subject IN (:subjects)""";
	private static final String DELETE = "DELETE FROM audit_subjects WHERE subject = :subject";
	private static final String DELETE_BEFORE = "DELETE FROM audit_subjects WHERE last_period < :before";
	private static final int IN_LIST = 500;

	private final JdbcClient jdbc;

	AuditSubjects(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Waits for, then holds until the transaction ends, the lock that closing and erasing share. */
	void lock() {
		jdbc.sql(LOCK).query(Integer.class).single();
	}

	/**
	 * Gives every id {@code period} names a pseudonym, and returns those of the ids named in its details (actor
	 * and target pseudonyms come with the rows, see {@link AuditEvents#forEachSealedIn}). Call under {@link #lock}.
	 */
	Map<String, UUID> sealFor(LocalDate period) {
		List<String> unmapped = jdbc.sql(UNMAPPED).param("period", period).query(String.class).list();
		for (String subject : unmapped) {
			if (isSubject(subject)) {
				create(subject, period);
			}
		}
		jdbc.sql(NAMED_AS_ACTOR_OR_TARGET).param("period", period).update();
		Set<String> idsInDetails = idsInDetails(period);
		Map<String, UUID> inDetail = find(idsInDetails);
		List<String> named = new ArrayList<>(inDetail.keySet());
		for (int from = 0; from < named.size(); from += IN_LIST) {
			jdbc.sql(NAMED).param("period", period)
					.param("subjects", named.subList(from, Math.min(named.size(), from + IN_LIST))).update();
		}
		for (String subject : idsInDetails) {
			if (!inDetail.containsKey(subject)) {
				inDetail.put(subject, create(subject, period));
			}
		}
		return inDetail;
	}

	/** The pseudonyms of the ids named in {@code period}'s details, as far as they have one (verification). */
	Map<String, UUID> inDetail(LocalDate period) {
		return find(idsInDetails(period));
	}

	Optional<UUID> pseudonymOf(String subject) {
		return Optional.ofNullable(find(Set.of(subject)).get(subject));
	}

	/** Forgets the mapping: from now on only the pseudonym stays, in the rows that carry it. */
	void forget(String subject) {
		jdbc.sql(DELETE).param("subject", subject).update();
	}

	/**
	 * Forgets the mappings of the ids no period from {@code before} on names (retention deleted the last one
	 * that did); returns how many. Call under {@link #lock}.
	 */
	int forgetNamedOnlyBefore(LocalDate before) {
		return jdbc.sql(DELETE_BEFORE).param("before", before).update();
	}

	/** A fresh pseudonym: a random UUID marked as version 8 (so {@link #isSubject} tells it from an id). */
	static UUID newPseudonym() {
		UUID random = UUID.randomUUID();
		return new UUID((random.getMostSignificantBits() & ~0xF000L) | 0x8000L, random.getLeastSignificantBits());
	}

	/** Whether {@code text} is an id that gets a pseudonym: a lower-case UUID that is not itself a pseudonym. */
	static boolean isSubject(String text) {
		return text != null && text.length() == 36 && UUID_TEXT.matcher(text).matches() && text.charAt(14) != '8';
	}

	/** {@code detail} with every id that has a pseudonym in {@code pseudonyms} replaced by it. */
	static String sealedDetail(String detail, Map<String, UUID> pseudonyms) {
		if (pseudonyms.isEmpty() || detail.length() < 36) {
			return detail;
		}
		Matcher matcher = UUID_TEXT.matcher(detail);
		StringBuilder sealed = null;
		int last = 0;
		while (matcher.find()) {
			UUID pseudonym = pseudonyms.get(matcher.group());
			if (pseudonym != null) {
				sealed = sealed == null ? new StringBuilder(detail.length()) : sealed;
				sealed.append(detail, last, matcher.start()).append(pseudonym);
				last = matcher.end();
			}
		}
		return sealed == null ? detail : sealed.append(detail, last, detail.length()).toString();
	}

	private UUID create(String subject, LocalDate period) {
		UUID pseudonym = newPseudonym();
		jdbc.sql(INSERT).param("subject", subject).param("pseudonym", pseudonym).param("period", period).update();
		return pseudonym;
	}

	private Set<String> idsInDetails(LocalDate period) {
		Set<String> ids = new HashSet<>();
		for (String detail : jdbc.sql(DETAILS_WITH_IDS).param("period", period).query(String.class).list()) {
			Matcher matcher = UUID_TEXT.matcher(detail);
			while (matcher.find()) {
				if (isSubject(matcher.group())) {
					ids.add(matcher.group());
				}
			}
		}
		return ids;
	}

	private Map<String, UUID> find(Set<String> subjects) {
		Map<String, UUID> found = new HashMap<>();
		List<String> all = new ArrayList<>(subjects);
		for (int from = 0; from < all.size(); from += IN_LIST) {
			jdbc.sql(FIND).param("subjects", all.subList(from, Math.min(all.size(), from + IN_LIST)))
					.query((rs, n) -> found.put(rs.getString(1), rs.getObject(2, UUID.class))).list();
		}
		return found;
	}
}
