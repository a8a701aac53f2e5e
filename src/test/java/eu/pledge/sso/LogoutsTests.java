package eu.pledge.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import org.junit.jupiter.api.Test;

import eu.pledge.testing.HttpClientThreads;

class LogoutsTests {

	@Test
	void startsNoHttpClientUntilItDeliversALogout() {
		assertThat(HttpClientThreads.startedBy(() -> new Logouts(null, null, null, null, null, null, null, null,
				Clock.systemUTC(), null))).isEmpty();
	}
}
