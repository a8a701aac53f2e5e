package eu.pledge.patrol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * A honeytrap is reported on the request's own thread, before the filter returns (not when the access log's
 * writer publishes the request), with what the access log would record: a scanner's request (no cookie, no
 * {@code Authorization}) as it arrives, any other once answered; an address turned away reports nothing.
 */
class HoneytrapSensorTests {

	private static final Instant NOW = Instant.parse("2026-12-06T12:00:00Z");

	private final Patrol patrol = mock(Patrol.class);
	private final HoneytrapSensor sensor = new HoneytrapSensor(patrol, new Honeytraps(properties()),
			Clock.fixed(NOW, ZoneOffset.UTC));

	@Test
	void aHoneytrapIsReportedBeforeTheFilterReturns() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/.git/config;jsessionid=x");
		request.setRemoteAddr("203.0.113.9");
		request.addHeader("Authorization", "Bearer x"); // maybe someone signed in: reported once answered
		MockHttpServletResponse response = new MockHttpServletResponse();
		response.setStatus(404);
		sensor.doFilter(request, response, new MockFilterChain());

		ArgumentCaptor<Detection> reported = ArgumentCaptor.forClass(Detection.class);
		verify(patrol).report(reported.capture());
		assertThat(reported.getValue().point()).isEqualTo(Point.HONEYTRAP);
		assertThat(reported.getValue().address()).isEqualTo("203.0.113.9");
		assertThat(reported.getValue().detail()).isEqualTo("GET /.git/config");
		assertThat(reported.getValue().occurredAt()).isEqualTo(NOW);
	}

	@Test
	void aScannersRequestIsReportedBeforeItIsAnswered() throws Exception {
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/.env");
		request.setRemoteAddr("203.0.113.10");
		List<Boolean> reportedBeforeAnswer = new ArrayList<>();
		sensor.doFilter(request, new MockHttpServletResponse(), (req, res) -> reportedBeforeAnswer
				.add(org.mockito.Mockito.mockingDetails(patrol).getInvocations().size() == 1));
		assertThat(reportedBeforeAnswer).containsExactly(true);
		verify(patrol).report(any());
	}

	@Test
	void anAddressTurnedAwayOrAnOrdinaryPathReportsNothing() throws Exception {
		MockHttpServletResponse turnedAway = new MockHttpServletResponse();
		turnedAway.setStatus(429);
		MockHttpServletRequest withSession = new MockHttpServletRequest("GET", "/.env");
		withSession.setCookies(new jakarta.servlet.http.Cookie("SESSION", "x"));
		sensor.doFilter(withSession, turnedAway, new MockFilterChain());
		sensor.doFilter(new MockHttpServletRequest("GET", "/.environment"), new MockHttpServletResponse(),
				new MockFilterChain());
		sensor.doFilter(new MockHttpServletRequest("GET", "/account"), new MockHttpServletResponse(),
				new MockFilterChain());
		verify(patrol, never()).report(any());
	}

	private static PatrolProperties properties() {
		Map<String, Object> values = Map.of("pledge.patrol.honeytraps[0]", "/.env", "pledge.patrol.honeytraps[1]",
				"/.git/");
		return new Binder(new MapConfigurationPropertySource(values)).bind("pledge.patrol",
				Bindable.of(PatrolProperties.class)).get();
	}
}
