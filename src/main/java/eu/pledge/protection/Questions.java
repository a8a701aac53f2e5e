package eu.pledge.protection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import eu.pledge.shared.Vault;

/**
 * The small arithmetic question a person answers to show they are one: the contact form's, and the sign-in
 * form's while Secure Patrol challenges sign-ins. No state until it is answered: the token carries a random id and
 * the time of issue, signed by the vault for one form; the answer is not in it, only a second signature over the
 * id, the time and the answer, so the token reveals nothing, the right answer is the only one that verifies, and a
 * token issued for one form verifies for no other. Whoever checks an answer remembers the id until the token would
 * have expired anyway (single use): the contact module in its own table, sign-in through
 * {@link #useOnce(Issued, Instant)}.
 */
@Component
public class Questions {

	/** The forms a question is bound to; each signs with its own purpose. */
	public enum Form {
		CONTACT("contact-challenge"), SIGN_IN("sign-in-challenge");

		private final String purpose;

		Form(String purpose) {
			this.purpose = purpose;
		}
	}

	private static final String USE = """
			INSERT INTO protection_used_questions (question_id, expires_at) VALUES (:id, :expires)
			ON CONFLICT DO NOTHING""";
	private static final String DELETE_EXPIRED = "DELETE FROM protection_used_questions WHERE expires_at <= :now";
	private static final int ID_BYTES = 16;
	private static final int MAC_BYTES = 16;
	private static final int TOKEN_BYTES = ID_BYTES + Long.BYTES + 2 * MAC_BYTES;
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	/** A question and the opaque token to send back with its answer. */
	public record Question(String question, String token) {

		/** Without the token, which answers it. */
		@Override
		public String toString() {
			return "Question[" + question + "]";
		}
	}

	/** A token whose signature held: its form, its id and when it was issued. */
	public record Issued(Form form, String id, Instant issuedAt, byte[] answerMac) {

		@Override
		public String toString() {
			return "Issued[" + form + " at " + issuedAt + "]";
		}
	}

	private final Vault vault;
	private final JdbcClient jdbc;
	private final SecureRandom random = new SecureRandom();

	Questions(Vault vault, JdbcClient jdbc) {
		this.vault = vault;
		this.jdbc = jdbc;
	}

	public Question issue(Form form, Instant now) {
		int a = 2 + random.nextInt(11);
		int b = 1 + random.nextInt(9);
		boolean minus = random.nextBoolean() && a > b;
		int answer = minus ? a - b : a + b;
		String question = a + (minus ? " \u2212 " : " + ") + b + " = ?";
		byte[] id = new byte[ID_BYTES];
		random.nextBytes(id);
		byte[] head = ByteBuffer.allocate(ID_BYTES + Long.BYTES).put(id).putLong(now.toEpochMilli()).array();
		byte[] token = ByteBuffer.allocate(TOKEN_BYTES).put(head).put(mac(form.purpose, head))
				.put(mac(form.purpose + "-answer", withAnswer(head, Integer.toString(answer)))).array();
		return new Question(question, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
	}

	/** The token's id and time of issue, when it is one of ours, for {@code form} and untampered; empty otherwise. */
	public Optional<Issued> verify(Form form, String token, Instant now) {
		if (token == null || token.length() > 100) {
			return Optional.empty();
		}
		byte[] bytes;
		try {
			bytes = Base64.getUrlDecoder().decode(token.strip());
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
		if (bytes.length != TOKEN_BYTES) {
			return Optional.empty();
		}
		byte[] head = Arrays.copyOfRange(bytes, 0, ID_BYTES + Long.BYTES);
		byte[] mac = Arrays.copyOfRange(bytes, head.length, head.length + MAC_BYTES);
		if (!MessageDigest.isEqual(mac, mac(form.purpose, head))) {
			return Optional.empty();
		}
		Instant issued = Instant.ofEpochMilli(ByteBuffer.wrap(head, ID_BYTES, Long.BYTES).getLong());
		if (issued.isAfter(now.plus(CLOCK_SKEW))) {
			return Optional.empty();
		}
		return Optional.of(new Issued(form, HexFormat.of().formatHex(head, 0, ID_BYTES), issued,
				Arrays.copyOfRange(bytes, head.length + MAC_BYTES, TOKEN_BYTES)));
	}

	/** Whether {@code answer} is the answer to the verified challenge. */
	public boolean answers(String token, Issued issued, String answer) {
		String normalized = normalize(answer);
		if (normalized == null) {
			return false;
		}
		byte[] head = Arrays.copyOfRange(Base64.getUrlDecoder().decode(token.strip()), 0, ID_BYTES + Long.BYTES);
		return MessageDigest.isEqual(issued.answerMac(), mac(issued.form().purpose + "-answer", withAnswer(head, normalized)));
	}

	/** "10", " 10 ", "+10" and "010" are the same answer; anything that is not a small integer is none. */
	public static String normalize(String answer) {
		if (answer == null) {
			return null;
		}
		String text = answer.strip().replace('\u2212', '-');
		if (!text.matches("[+-]?\\d{1,4}")) {
			return null;
		}
		return Integer.toString(Integer.parseInt(text));
	}

	/**
	 * Marks a sign-in question answered until {@code expires}, in a statement that commits on its own; false when it
	 * already was (a replay, or the same answer sent many times at once: one of them gets true).
	 */
	public boolean useOnce(Issued issued, Instant expires) {
		return jdbc.sql(USE).param("id", issued.id()).param("expires", Timestamps.at(expires)).update() == 1;
	}

	int deleteExpired(Instant now) {
		return jdbc.sql(DELETE_EXPIRED).param("now", Timestamps.at(now)).update();
	}

	private byte[] mac(String purpose, byte[] data) {
		return Arrays.copyOf(vault.sign(purpose, data), MAC_BYTES);
	}

	private static byte[] withAnswer(byte[] head, String answer) {
		byte[] answerBytes = answer.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(head.length + answerBytes.length).put(head).put(answerBytes).array();
	}
}
