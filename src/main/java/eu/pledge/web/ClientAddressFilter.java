package eu.pledge.web;

import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.IpAddressMatcher;

import eu.pledge.shared.RequestFilter;

/**
 * The one place that derives the client address. {@code X-Forwarded-For} is honoured only when the direct
 * peer is a configured trusted proxy, and then read from the right, skipping further trusted proxies, so a
 * client cannot choose its own address by sending the header. Everything downstream reads
 * {@link HttpServletRequest#getRemoteAddr()}.
 */
class ClientAddressFilter extends RequestFilter {

	private final List<IpAddressMatcher> trusted;

	ClientAddressFilter(WebProperties properties) {
		this.trusted = properties.trustedProxies().stream().map(String::trim).map(IpAddressMatcher::new).toList();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		String peer = request.getRemoteAddr();
		if (trusted.isEmpty() || !isTrusted(peer)) {
			chain.doFilter(request, response);
			return;
		}
		String client = fromForwardedFor(request.getHeader("X-Forwarded-For"), peer);
		chain.doFilter(new HttpServletRequestWrapper(request) {
			@Override
			public String getRemoteAddr() {
				return client;
			}

			@Override
			public String getRemoteHost() {
				return client;
			}
		}, response);
	}

	private String fromForwardedFor(String header, String peer) {
		if (header == null || header.isBlank()) {
			return peer;
		}
		String[] hops = header.split(",", -1); // keeps empty hops, which are malformed
		for (int i = hops.length - 1; i >= 0; i--) {
			String hop = hops[i].trim();
			if (!isAddress(hop)) {
				return peer; // a malformed chain is not believed at all
			}
			if (!isTrusted(hop)) {
				return hop;
			}
		}
		return hops[0].trim();
	}

	private boolean isTrusted(String address) {
		if (!isAddress(address)) {
			return false;
		}
		for (IpAddressMatcher matcher : trusted) {
			if (matcher.matches(address)) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Whether {@code value} is an IP address literal, strictly: four decimal octets without leading zeros, or
	 * IPv6 text (no zone, no brackets, no port). Anything else must never reach {@link IpAddressMatcher} or
	 * {@link InetAddress}: they throw on most garbage (a 500 for whoever sends it through our proxy), and
	 * {@link InetAddress#getByName} resolves a text it does not recognise as a literal, such as
	 * {@code 999.1.1.1}, with a DNS query on the request thread.
	 */
	static boolean isAddress(String value) {
		if (value.isEmpty() || value.length() > 45) {
			return false;
		}
		return value.indexOf(':') < 0 ? isIpv4(value) : isIpv6(value);
	}

	private static boolean isIpv4(String value) {
		String[] octets = value.split("\\.", -1);
		if (octets.length != 4) {
			return false;
		}
		for (String octet : octets) {
			if (octet.isEmpty() || octet.length() > 3 || (octet.length() > 1 && octet.charAt(0) == '0')) {
				return false;
			}
			for (int i = 0; i < octet.length(); i++) {
				if (octet.charAt(i) < '0' || octet.charAt(i) > '9') {
					return false;
				}
			}
			if (Integer.parseInt(octet) > 255) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Hex digits, colons and dots only, starting with a hex digit or a colon: {@link InetAddress} then parses it as
	 * an IPv6 literal or refuses it, and never looks it up in the DNS.
	 */
	private static boolean isIpv6(String value) {
		char first = value.charAt(0);
		if (!(first == ':' || isHexDigit(first))) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(isHexDigit(c) || c == '.' || c == ':')) {
				return false;
			}
		}
		try {
			return InetAddress.getByName(value) != null;
		}
		catch (UnknownHostException ex) {
			return false;
		}
	}

	/** ASCII only: {@link Character#digit} would take other scripts' digits too. */
	private static boolean isHexDigit(char c) {
		return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
	}
}
