package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;

class ClientAddressTests {

	@Test
	void keepsAnIpv4AddressAsItIs() {
		assertThat(canonical("192.0.2.7", 64)).contains("192.0.2.7");
	}

	@Test
	void keepsEveryIpv4AddressInTheFormTheJdkGivesIt() throws Exception {
		Random random = new Random(17);
		for (int i = 0; i < 20_000; i++) {
			byte[] bytes = new byte[4];
			random.nextBytes(bytes);
			String canonical = InetAddress.getByAddress(bytes).getHostAddress();
			assertThat(canonical(canonical, 64)).as(canonical).contains(canonical);
			assertThat(canonical(" " + canonical + " ", 64)).contains(canonical);
			assertThat(canonical("0" + canonical, 64)).as("a leading zero").isEmpty();
		}
	}

	@Test
	void storesAnIpv6AddressAsItsNetworkPrefix() {
		assertThat(canonical("2001:DB8:0:1::42", 64)).contains("2001:db8:0:1:0:0:0:0");
		assertThat(canonical("2001:db8:0:1:ffff:ffff:ffff:ffff", 64)).contains("2001:db8:0:1:0:0:0:0");
		assertThat(canonical("2001:db8::1", 128)).contains("2001:db8:0:0:0:0:0:1");
	}

	@Test
	void treatsAnIpv4MappedAddressAsIpv4() {
		assertThat(canonical("::ffff:192.0.2.7", 64)).contains("192.0.2.7");
	}

	@Test
	void refusesAnythingButAnIpLiteral() {
		for (String text : new String[] { "localhost", "example.com", "1.2.3", "01.2.3.4", "256.0.0.1", "1.2.3.4.5",
				"::1%lo", "[::1]", "2001:db8::g", ":::", "1:2:3:4:5:6:7:8:9", "" }) {
			assertThat(canonical(text, 64)).as(text).isEmpty();
		}
		assertThat(canonical(null, 64)).isEmpty();
	}

	@Test
	void neverShowsTheAddressInItsDescription() {
		assertThat(ClientAddress.parse("192.0.2.7", 64).orElseThrow().toString()).doesNotContain("192");
	}

	private static Optional<String> canonical(String text, int prefix) {
		return ClientAddress.parse(text, prefix).map(ClientAddress::value);
	}
}
