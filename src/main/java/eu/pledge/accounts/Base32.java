package eu.pledge.accounts;

import java.io.ByteArrayOutputStream;

/**
 * RFC 4648 Base32 without padding, the encoding authenticator apps expect for TOTP secrets. Written here
 * rather than pulled in as a dependency because it is a few lines and the JDK has none.
 */
final class Base32 {

	private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

	private Base32() {
	}

	static String encode(byte[] data) {
		StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
		int buffer = 0;
		int bits = 0;
		for (byte b : data) {
			buffer = (buffer << 8) | (b & 0xFF);
			bits += 8;
			while (bits >= 5) {
				bits -= 5;
				out.append(ALPHABET.charAt((buffer >>> bits) & 0x1F));
			}
		}
		if (bits > 0) {
			out.append(ALPHABET.charAt((buffer << (5 - bits)) & 0x1F));
		}
		return out.toString();
	}

	/**
	 * Accepts either case and trailing padding, because people type secrets in by hand. Leftover bits that
	 * do not make a whole byte are dropped, as RFC 4648 decoders do.
	 *
	 * @throws IllegalArgumentException on any other character; the message never repeats the input,
	 * which is a secret
	 */
	static byte[] decode(String text) {
		String trimmed = stripPadding(text);
		ByteArrayOutputStream out = new ByteArrayOutputStream(trimmed.length() * 5 / 8);
		int buffer = 0;
		int bits = 0;
		for (int i = 0; i < trimmed.length(); i++) {
			int value = ALPHABET.indexOf(Character.toUpperCase(trimmed.charAt(i)));
			if (value < 0) {
				throw new IllegalArgumentException("Not a Base32 character at position " + i);
			}
			buffer = (buffer << 5) | value;
			bits += 5;
			if (bits >= 8) {
				bits -= 8;
				out.write((buffer >>> bits) & 0xFF);
			}
		}
		return out.toByteArray();
	}

	private static String stripPadding(String text) {
		int end = text.length();
		while (end > 0 && text.charAt(end - 1) == '=') {
			end--;
		}
		return text.substring(0, end);
	}
}
