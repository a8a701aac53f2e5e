package eu.pledge.privacy;

import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The privacy module's tests: the stand-in holders of branch rights, SQL access and a platform administrator. */
@Import(TestHolders.class)
public abstract class PrivacyTest extends HttpTest {

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	protected TestHolders.StandIn standIn;

	/** A signed-in platform administrator (promoted before signing in, as the set-up link would). */
	protected ApiClient admin() {
		ApiClient client = client();
		String email = randomEmail();
		People.registerAndVerify(client, mailbox, email);
		People.signIn(client, email, People.PASSWORD);
		UUID id = UUID.fromString(client.get("/api/v1/me").json().get("id").asString());
		client.delete("/api/v1/session");
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", id).update();
		client.forgetCookies();
		People.signIn(client, email, People.PASSWORD);
		return client;
	}

	protected long count(String table, String where) {
		return jdbc.sql("SELECT COUNT(*) FROM " + table + " WHERE " + where).query(Long.class).single();
	}
}
