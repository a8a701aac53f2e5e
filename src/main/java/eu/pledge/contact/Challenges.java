package eu.pledge.contact;

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

import org.springframework.stereotype.Component;

import eu.pledge.shared.Vault;

/**
 * The arithmetic question of the contact form, without any state until it is answered. The token carries a
 * random id and the time of issue, signed by the vault; the answer is not in it, only a second signature over
 * the id, the time and the answer, so the token reveals nothing and the right answer is the only one that
 * verifies. Answered ids are remembered until the token would have expired anyway (single use).
 */
@Component
class Challenges {

	private static final String PURPOSE = "contact-challenge";
	private static final String ANSWER_PURPOSE = "contact-challenge-answer";
	private static final int ID_BYTES = 16;
	private static final int MAC_BYTES = 16;
	private static final int TOKEN_BYTES = ID_BYTES + Long.BYTES + 2 * MAC_BYTES;
	private static final Duration CLOCK_SKEW = Duration.ofSeconds(5);

	/** A question and the opaque token to send back with its answer. */
	record Challenge(String question, String token) {
	}

	/** A token whose signature held: its id and when it was issued. */
	record Issued(String id, Instant issuedAt, byte[] answerMac) {
	}

	private final Vault vault;
	private final SecureRandom random = new SecureRandom();

	Challenges(Vault vault) {
		this.vault = vault;
	}

	Challenge issue(Instant now) {
		int a = 2 + random.nextInt(11);
		int b = 1 + random.nextInt(9);
		boolean minus = random.nextBoolean() && a > b;
		int answer = minus ? a - b : a + b;
		String question = a + (minus ? " \u2212 " : " + ") + b + " = ?";
		byte[] id = new byte[ID_BYTES];
		random.nextBytes(id);
		byte[] head = ByteBuffer.allocate(ID_BYTES + Long.BYTES).put(id).putLong(now.toEpochMilli()).array();
		byte[] token = ByteBuffer.allocate(TOKEN_BYTES).put(head).put(mac(PURPOSE, head))
				.put(mac(ANSWER_PURPOSE, withAnswer(head, Integer.toString(answer)))).array();
		return new Challenge(question, Base64.getUrlEncoder().withoutPadding().encodeToString(token));
	}

	/** The token's id and time of issue, when it is one of ours and untampered; empty otherwise. */
	Optional<Issued> verify(String token, Instant now) {
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
		if (!MessageDigest.isEqual(mac, mac(PURPOSE, head))) {
			return Optional.empty();
		}
		Instant issued = Instant.ofEpochMilli(ByteBuffer.wrap(head, ID_BYTES, Long.BYTES).getLong());
		if (issued.isAfter(now.plus(CLOCK_SKEW))) {
			return Optional.empty();
		}
		return Optional.of(new Issued(HexFormat.of().formatHex(head, 0, ID_BYTES), issued,
				Arrays.copyOfRange(bytes, head.length + MAC_BYTES, TOKEN_BYTES)));
	}

	/** Whether {@code answer} is the answer to the verified challenge. */
	boolean answers(String token, Issued issued, String answer) {
		String normalized = normalize(answer);
		if (normalized == null) {
			return false;
		}
		byte[] head = Arrays.copyOfRange(Base64.getUrlDecoder().decode(token.strip()), 0, ID_BYTES + Long.BYTES);
		return MessageDigest.isEqual(issued.answerMac(), mac(ANSWER_PURPOSE, withAnswer(head, normalized)));
	}

	/** "10", " 10 ", "+10" and "010" are the same answer; anything that is not a small integer is none. */
	static String normalize(String answer) {
		if (answer == null) {
			return null;
		}
		String text = answer.strip().replace('\u2212', '-');
		if (!text.matches("[+-]?\\d{1,4}")) {
			return null;
		}
		return Integer.toString(Integer.parseInt(text));
	}

	private byte[] mac(String purpose, byte[] data) {
		return Arrays.copyOf(vault.sign(purpose, data), MAC_BYTES);
	}

	private static byte[] withAnswer(byte[] head, String answer) {
		byte[] answerBytes = answer.getBytes(StandardCharsets.UTF_8);
		return ByteBuffer.allocate(head.length + answerBytes.length).put(head).put(answerBytes).array();
	}
}
