package eu.pledge.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

/** Creating verified accounts through the public API, as a person would. */
public final class People {

	public static final String PASSWORD = "correct horse battery staple";

	private People() {
	}

	public static Map<String, Object> registration(String email) {
		return Map.of("name", "Ada Lovelace", "email", email, "password", PASSWORD, "address",
				Map.of("street", "Ockham Street 1", "postalCode", "1000", "city", "Brussels", "country", "BE"));
	}

	/** Registers {@code email} and opens the mailed verification link. */
	public static void registerAndVerify(ApiClient client, Mailbox mailbox, String email) {
		assertThat(client.post("/api/v1/accounts", registration(email)).status()).isEqualTo(201);
		verify(client, mailbox, email);
	}

	/** Opens the newest mailed verification link of {@code email}. */
	public static void verify(ApiClient client, Mailbox mailbox, String email) {
		String token = mailbox.token(email, "Confirm your email address");
		ApiClient.Response verified = client.post("/api/v1/accounts/verification", Map.of("token", token));
		assertThat(verified.status()).as(verified.body()).isEqualTo(204);
	}

	public static ApiClient.Response signIn(ApiClient client, String email, String password) {
		return client.post("/api/v1/session", Map.of("email", email, "password", password));
	}

	/** {@code count} random lower-case letters a–z (a word no other test's names contain). */
	public static String letters(int count) {
		StringBuilder word = new StringBuilder(count);
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		for (int i = 0; i < count; i++) {
			word.append((char) ('a' + random.nextInt(26)));
		}
		return word.toString();
	}
}
