package eu.pledge.contact;

import java.sql.Timestamp;
import java.time.Instant;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The answered challenges, so none is answered twice (a replay). A challenge id is random and says nothing about
 * anyone; each statement commits on its own, so an answered challenge stays used whatever follows. How many
 * messages one address may send is the protection module's rate limiter's (bucket {@code contact-submissions}).
 */
@Repository
class UsedChallenges {

	private static final String USE = """
			INSERT INTO contact_used_challenges (challenge_id, expires_at) VALUES (:id, :expires)
			ON CONFLICT DO NOTHING""";
	private static final String DELETE_EXPIRED = "DELETE FROM contact_used_challenges WHERE expires_at <= :now";

	private final JdbcClient jdbc;

	UsedChallenges(JdbcClient jdbc) {
		this.jdbc = jdbc;
	}

	/** Marks a challenge answered; false when it already was (a replay). */
	boolean use(String challengeId, Instant expires) {
		return jdbc.sql(USE).param("id", challengeId).param("expires", Timestamp.from(expires)).update() == 1;
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", Timestamp.from(now)).update();
	}
}
