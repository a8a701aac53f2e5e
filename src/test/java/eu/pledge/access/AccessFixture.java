package eu.pledge.access;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.shared.AccountId;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.RecordedEvents;

/** Platform administrators, organisations, contracts and members made through the API, as people would. */
@Import(RecordedEvents.class)
public abstract class AccessFixture extends HttpTest {

	/** The published events, and the denials of one account among them. */
	protected static final class Recorder {
		private final RecordedEvents recorded;

		Recorder(RecordedEvents recorded) {
			this.recorded = recorded;
		}

		public List<AccessDenied> denials(AccountId account) {
			return recorded.of(AccessDenied.class).stream().filter(denied -> denied.accountId().equals(account)).toList();
		}
	}

	@Autowired
	protected RecordedEvents recordedEvents;

	protected Recorder recorder;

	@org.junit.jupiter.api.BeforeEach
	void recorder() {
		recorder = new Recorder(recordedEvents);
	}

	@Autowired
	protected JdbcClient jdbc;

	@Autowired
	Access access;

	/** A signed-in platform administrator (promoted before signing in, as the set-up link would). */
	protected ApiClient admin() {
		ApiClient client = client();
		String email = randomEmail();
		People.registerAndVerify(client, mailbox, email);
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE email_index = (SELECT email_index FROM accounts a "
				+ "WHERE a.id = :id)").param("id", UUID.fromString(idOf(client, email))).update();
		People.signIn(client, email, People.PASSWORD);
		return client;
	}

	/** A signed-in person: their client, email and account id. */
	protected Person person() {
		ApiClient client = client();
		String email = signedInAccount(client);
		return new Person(client, email, AccountId.of(client.get("/api/v1/me").json().get("id").asString()));
	}

	protected String organization(ApiClient admin) {
		ApiClient.Response created = admin.post("/api/v1/admin/organizations",
				Map.of("name", "Acme " + UUID.randomUUID().toString().substring(0, 8)));
		assertThat(created.status()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	protected String contract(ApiClient admin, String organization, int seats, Instant start, Instant end,
			Map<String, String> systems) {
		ApiClient.Response created = admin.post("/api/v1/admin/organizations/" + organization + "/contracts",
				Map.of("startsAt", start.toString(), "endsAt", end.toString(), "seats", seats, "systems", systems));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		return created.json().get("id").asString();
	}

	/** Invites a new person through {@code inviter} and has them accept. */
	protected Person member(ApiClient inviter, String organization, String role) {
		Person person = person();
		invite(inviter, organization, person.email(), role, 202);
		String token = mailbox.token(person.email(), "You are invited to join");
		ApiClient.Response accepted = person.client().post("/api/v1/invitations/acceptance", Map.of("token", token));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
		return person;
	}

	protected ApiClient.Response invite(ApiClient inviter, String organization, String email, String role, int status) {
		ApiClient.Response response = inviter.post("/api/v1/organizations/" + organization + "/invitations",
				Map.of("email", email, "role", role));
		assertThat(response.status()).as(response.body()).isEqualTo(status);
		return response;
	}

	private static String idOf(ApiClient client, String email) {
		People.signIn(client, email, People.PASSWORD);
		String id = client.get("/api/v1/me").json().get("id").asString();
		client.delete("/api/v1/session");
		client.forgetCookies();
		return id;
	}

	protected record Person(ApiClient client, String email, AccountId id) {
	}
}
