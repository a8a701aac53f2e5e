package eu.pledge.privacy.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

import eu.pledge.testing.HttpClientThreads;

class PublicPagesTests {

	@Test
	void startsNoHttpClientUntilItFetches() {
		assertThat(HttpClientThreads.startedBy(() -> new PublicPages(new MockEnvironment()))).isEmpty();
	}

	@Test
	void fetchesNothingWithoutAWebServer() {
		assertThat(new PublicPages(new MockEnvironment()).fetch("/privacy")).isEmpty();
	}
}
