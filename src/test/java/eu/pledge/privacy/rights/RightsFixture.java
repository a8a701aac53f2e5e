package eu.pledge.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.shared.AccountId;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.RecordedEvents;

/** People, organisations and second factors made through the API, for the data-subject rights tests. */
@Import(RecordedEvents.class)
abstract class RightsFixture extends HttpTest {

	@Autowired
	JdbcClient jdbc;

	@Autowired
	RecordedEvents recorded;

	/** A person with unique identifying values, so a search for them finds only their traces. */
	record Person(ApiClient client, String email, AccountId id, String name, String street, String postalCode,
			String city, String address) {
	}

	Person person() {
		String tag = UUID.randomUUID().toString().substring(0, 10);
		String address = randomAddress();
		ApiClient client = new ApiClient(port).from(address);
		String email = "r-" + tag + "@example.org";
		String name = "Erin Q" + tag;
		String street = "Rightsstraat " + tag;
		String postalCode = "PC" + tag.substring(0, 8);
		String city = "Gent" + tag;
		ApiClient.Response registered = client.post("/api/v1/accounts", Map.of("name", name, "email", email,
				"password", People.PASSWORD, "address",
				Map.of("street", street, "postalCode", postalCode, "city", city, "country", "BE")));
		assertThat(registered.status()).as(registered.body()).isEqualTo(201);
		String token = mailbox.token(email, "Confirm your email address");
		assertThat(client.post("/api/v1/accounts/verification", Map.of("token", token)).status()).isEqualTo(204);
		assertThat(People.signIn(client, email, People.PASSWORD).status()).isEqualTo(200);
		AccountId id = AccountId.of(client.get("/api/v1/me").json().get("id").asString());
		return new Person(client, email, id, name, street, postalCode, city, address);
	}

	/** A signed-in platform administrator. */
	ApiClient admin() {
		Person person = person();
		jdbc.sql("UPDATE accounts SET roles = 'ADMIN' WHERE id = :id").param("id", person.id().value()).update();
		ApiClient client = client();
		assertThat(People.signIn(client, person.email(), People.PASSWORD).status()).isEqualTo(200);
		return client;
	}

	String organization(ApiClient admin, String name) {
		ApiClient.Response created = admin.post("/api/v1/admin/organizations", Map.of("name", name));
		assertThat(created.status()).as(created.body()).isEqualTo(201);
		String id = created.json().get("id").asString();
		Instant now = clock.instant();
		ApiClient.Response contract = admin.post("/api/v1/admin/organizations/" + id + "/contracts",
				Map.of("startsAt", now.minus(1, ChronoUnit.DAYS).toString(), "endsAt",
						now.plus(365, ChronoUnit.DAYS).toString(), "seats", 10, "systems", Map.of("crm", "manager")));
		assertThat(contract.status()).as(contract.body()).isEqualTo(201);
		return id;
	}

	private final Map<String, String> spentInvitations = new java.util.concurrent.ConcurrentHashMap<>();

	/** {@code inviter} invites {@code person} as {@code role}, who accepts. */
	void join(ApiClient inviter, String organization, Person person, String role) {
		ApiClient.Response invited = inviter.post("/api/v1/organizations/" + organization + "/invitations",
				Map.of("email", person.email(), "role", role));
		assertThat(invited.status()).as(invited.body()).isEqualTo(202);
		// Wait for this invitation's mail: an earlier one (already spent) also matches the subject.
		String spent = spentInvitations.get(person.email());
		String token = org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
				.until(() -> mailbox.token(person.email(), "You are invited to join"), found -> !found.equals(spent));
		spentInvitations.put(person.email(), token);
		ApiClient.Response accepted = person.client().post("/api/v1/invitations/acceptance", Map.of("token", token));
		assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
	}

	/** Turns on TOTP for the signed-in person; returns the secret. */
	String enrolTotp(Person person) {
		ApiClient.Response enrolment = person.client().post("/api/v1/me/totp", null);
		assertThat(enrolment.status()).isEqualTo(201);
		String secret = enrolment.json().get("secret").asString();
		assertThat(person.client().post("/api/v1/me/totp/confirmation", Map.of("code", totp(secret, 0))).status())
				.isEqualTo(200);
		return secret;
	}

	/** The RFC 6238 code (SHA-1, 6 digits, 30 s) {@code stepsAhead} steps after the clock's current one. */
	String totp(String base32Secret, int stepsAhead) {
		try {
			long step = clock.instant().getEpochSecond() / 30 + stepsAhead;
			Mac mac = Mac.getInstance("HmacSHA1");
			mac.init(new SecretKeySpec(base32(base32Secret), "HmacSHA1"));
			byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
			int offset = hash[hash.length - 1] & 0xf;
			int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
					| ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
			return String.format("%06d", binary % 1_000_000);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static byte[] base32(String text) {
		String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
		String clean = text.replace("=", "").toUpperCase();
		ByteBuffer out = ByteBuffer.allocate(clean.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (char c : clean.toCharArray()) {
			buffer = (buffer << 5) | alphabet.indexOf(c);
			bits += 5;
			if (bits >= 8) {
				out.put((byte) (buffer >> (bits - 8)));
				bits -= 8;
			}
		}
		return out.array();
	}
}
