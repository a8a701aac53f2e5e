package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.util.unit.DataSize;

/** Forwarded headers are believed only from configured proxies, and never chosen by the client. */
class ClientAddressFilterTests {

	/** What came through a trusted proxy in issue 11, and other near misses (digits of other scripts: below). */
	static final List<String> MALFORMED = List.of("abc", "1.2.3.4.5", "999.1.1.1", ":::::::", "1.1.1.1, abc",
			"1.2.3", "01.2.3.4", "1.2.3.4:8080", "[::1]", ".:1", "fe80::1%eth0", "1..2.3", " , ", ",", "1.1.1.1,", "1.2.3.256",
			"::ffff:999.1.1.1", "dead:beef");

	private static String clientOf(List<String> trusted, String peer, String forwardedFor) throws Exception {
		ClientAddressFilter filter = new ClientAddressFilter(new WebProperties(trusted, true, DataSize.ofKilobytes(64)));
		MockHttpServletRequest request = new MockHttpServletRequest();
		request.setRemoteAddr(peer);
		if (forwardedFor != null) {
			request.addHeader("X-Forwarded-For", forwardedFor);
		}
		AtomicReference<String> seen = new AtomicReference<>();
		filter.doFilter(request, new MockHttpServletResponse(), (req, res) -> seen.set(req.getRemoteAddr()));
		return seen.get();
	}

	@Test
	void withoutTrustedProxiesTheHeaderIsIgnored() throws Exception {
		assertThat(clientOf(List.of(), "203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
	}

	@Test
	void aHeaderFromAnUntrustedPeerIsIgnored() throws Exception {
		assertThat(clientOf(List.of("10.0.0.0/8"), "203.0.113.9", "198.51.100.1")).isEqualTo("203.0.113.9");
	}

	@Test
	void behindATrustedProxyTheRightmostUntrustedHopIsTheClient() throws Exception {
		// The client prepended a fake address; only the hop added by our proxy counts.
		assertThat(clientOf(List.of("10.0.0.0/8"), "10.1.2.3", "1.1.1.1, 198.51.100.7")).isEqualTo("198.51.100.7");
		assertThat(clientOf(List.of("10.0.0.0/8"), "10.1.2.3", "198.51.100.7, 10.9.9.9")).isEqualTo("198.51.100.7");
	}

	@Test
	void aMalformedChainIsNotBelieved() throws Exception {
		assertThat(clientOf(List.of("10.0.0.0/8"), "10.1.2.3", "<script>, 198.51.100.7 x")).isEqualTo("10.1.2.3");
	}

	@Test
	void aMalformedChainFromATrustedProxyMeansThePeer() throws Exception {
		for (String forwardedFor : Stream.concat(MALFORMED.stream(), Stream.of("\u0661.2.3.4", "::\u0661")).toList()) {
			assertThat(clientOf(List.of("10.0.0.0/8"), "10.1.2.3", forwardedFor)).as(forwardedFor).isEqualTo("10.1.2.3");
		}
	}

	@Test
	void garbageAClientPrependsDoesNotHideTheHopOurProxyAdded() throws Exception {
		// Ignoring the chain here would let any client pass as the proxy and get it blocked for everyone.
		assertThat(clientOf(List.of("10.0.0.0/8"), "10.1.2.3", "abc, 999.1.1.1, 198.51.100.7")).isEqualTo("198.51.100.7");
	}

	@Test
	void wellFormedAddressesOfBothFamiliesAreBelieved() throws Exception {
		assertThat(clientOf(List.of("10.0.0.0/8"), "10.1.2.3", "2001:db8::7")).isEqualTo("2001:db8::7");
		assertThat(clientOf(List.of("10.0.0.0/8"), "10.1.2.3", "::ffff:198.51.100.7")).isEqualTo("::ffff:198.51.100.7");
		assertThat(clientOf(List.of("10.0.0.0/8"), "10.1.2.3", "0.0.0.0")).isEqualTo("0.0.0.0");
		assertThat(clientOf(List.of("10.0.0.0/8"), "10.1.2.3", "255.255.255.255, 10.0.0.1")).isEqualTo("255.255.255.255");
	}

	@Test
	void aBadProxyRangeFailsAtStartUp() {
		assertThatThrownBy(() -> new WebProperties(List.of("10.0.0.0/99x"), true, DataSize.ofKilobytes(64)))
				.hasMessageContaining("pledge.web.trusted-proxies");
	}
}
