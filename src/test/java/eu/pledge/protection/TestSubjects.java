package eu.pledge.protection;

import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Fresh addresses and account keys for each test: on PostgreSQL the tests share one database, so a test may
 * only reason about rows it created.
 */
final class TestSubjects {

	private TestSubjects() {
	}

	static String ipv4() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return "10." + random.nextInt(256) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}

	/** A random address in its own /64, written in compressed form. */
	static String ipv6() {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		return String.format("2001:db8:%x:%x::%x", random.nextInt(0x10000), random.nextInt(0x10000),
				1 + random.nextInt(0xfffe));
	}

	/** What an attempt would be told now; the attempt ends undecided, so nothing is counted. */
	static Admission admission(Protection protection, String address, String accountKey) {
		try (Attempt attempt = protection.begin(address, accountKey)) {
			return attempt.admission();
		}
	}

	static String accountKey() {
		byte[] bytes = new byte[32];
		ThreadLocalRandom.current().nextBytes(bytes);
		return HexFormat.of().formatHex(bytes);
	}
}
