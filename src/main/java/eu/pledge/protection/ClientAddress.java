package eu.pledge.protection;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A client address in the one canonical form it is counted and stored under: an IPv4 literal, or an IPv6
 * network prefix in full lower-case form ({@code 2001:db8:0:1:0:0:0:0}). IPv4-mapped IPv6 becomes IPv4, so
 * the same client cannot count twice under two spellings.
 *
 * @param value the canonical form; personal data, so {@link #toString()} hides it
 */
record ClientAddress(String value) {

	private static final Pattern IPV4 = Pattern
			.compile("((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");

	// Hex digits, colons and dots only (a trailing IPv4 part is allowed): InetAddress then treats the text as a
	// literal and never asks DNS. Zone ids and brackets are refused; the web edge never produces them.
	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:][0-9A-Fa-f:.]{1,44}");

	/** The canonical form of {@code raw}, or empty when it is not an IP literal. */
	static Optional<ClientAddress> parse(String raw, int ipv6PrefixLength) {
		if (raw == null) {
			return Optional.empty();
		}
		String text = raw.trim();
		if (IPV4.matcher(text).matches()) {
			return Optional.of(new ClientAddress(text)); // the pattern admits the canonical form only: no leading zeros
		}
		if (!(text.indexOf(':') >= 0 && IPV6.matcher(text).matches())) {
			return Optional.empty();
		}
		InetAddress address;
		try {
			address = InetAddress.getByName(text);
		}
		catch (UnknownHostException ex) {
			return Optional.empty();
		}
		if (address instanceof Inet4Address) {
			return Optional.of(new ClientAddress(address.getHostAddress()));
		}
		if (address instanceof Inet6Address) {
			return Optional.of(new ClientAddress(prefix(address.getAddress(), ipv6PrefixLength)));
		}
		return Optional.empty();
	}

	private static String prefix(byte[] bytes, int length) {
		for (int bit = length; bit < 128; bit++) {
			bytes[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
		}
		try {
			return InetAddress.getByAddress(bytes).getHostAddress();
		}
		catch (UnknownHostException ex) {
			throw new IllegalStateException("16 bytes are always an IPv6 address", ex);
		}
	}

	@Override
	public String toString() {
		return "ClientAddress[redacted]";
	}
}
