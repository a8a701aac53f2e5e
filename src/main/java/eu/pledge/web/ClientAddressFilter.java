package eu.pledge.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The one place that derives the client address. {@code X-Forwarded-For} is honoured only when the direct
 * peer is a configured trusted proxy, and then read from the right, skipping further trusted proxies, so a
 * client cannot choose its own address by sending the header. Everything downstream reads
 * {@link HttpServletRequest#getRemoteAddr()}.
 */
class ClientAddressFilter extends OncePerRequestFilter {

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
		String[] hops = header.split(",");
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

	private static boolean isAddress(String value) {
		if (value.isEmpty() || value.length() > 45) {
			return false;
		}
		for (int i = 0; i < value.length(); i++) {
			char c = value.charAt(i);
			if (!(Character.digit(c, 16) >= 0 || c == '.' || c == ':')) {
				return false;
			}
		}
		return true;
	}
}
