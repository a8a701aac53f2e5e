package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeviceSummaryTests {

	@ParameterizedTest
	@CsvSource(delimiter = '|', textBlock = """
			Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:131.0) Gecko/20100101 Firefox/131.0 | Firefox 131 on Windows
			Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 Edg/119.0.2151.58 | Edge 119 on Windows
			Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/122.0.0.0 Safari/537.36 OPR/108.0.0.0 | Opera 108 on Windows
			Mozilla/5.0 (Windows NT 10.0; Trident/7.0; rv:11.0) like Gecko | Internet Explorer 11 on Windows
			Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4.1 Safari/605.1.15 | Safari 17 on macOS
			Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 | Chrome 124 on macOS
			Mozilla/5.0 (X11; Ubuntu; Linux x86_64; rv:125.0) Gecko/20100101 Firefox/125.0 | Firefox 125 on Linux
			Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chromium/156.0.0.0 Chrome/156.0.0.0 Safari/537.36 | Chromium 156 on Linux
			Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0.6099.109 Safari/537.36 | Chrome 120 on Linux
			Mozilla/5.0 (X11; CrOS x86_64 14541.0.0) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/124.0.0.0 Safari/537.36 | Chrome 124 on ChromeOS
			Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 | Chrome 120 on Android
			Mozilla/5.0 (Linux; Android 14; SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/25.0 Chrome/121.0.0.0 Mobile Safari/537.36 | Samsung Internet 25 on Android
			Mozilla/5.0 (Android 14; Mobile; rv:131.0) Gecko/131.0 Firefox/131.0 | Firefox 131 on Android
			Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1 | Safari 17 on iOS
			Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1 | Chrome 124 on iOS
			Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/126.0 Mobile/15E148 Safari/605.1.15 | Firefox 126 on iOS
			Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 | Unknown browser on iOS
			curl/8.5.0 | curl 8.5
			Wget/1.21.4 | Wget 1.21
			python-requests/2.31.0 | python-requests 2.31
			Java-http-client/17.0.9 | Java HttpClient 17
			Go-http-client/1.1 | Go HTTP client
			""")
	void summarisesRealUserAgents(String userAgent, String expected) {
		assertThat(DeviceSummary.of(userAgent)).isEqualTo(expected);
	}

	@Test
	void callsMissingOrBlankHeadersUnknown() {
		assertThat(DeviceSummary.of(null)).isEqualTo("Unknown browser");
		assertThat(DeviceSummary.of("")).isEqualTo("Unknown browser");
		assertThat(DeviceSummary.of("   ")).isEqualTo("Unknown browser");
	}

	@Test
	void neverEchoesTheHeaderItself() {
		assertThat(DeviceSummary.of("<script>alert(1)</script>")).isEqualTo("Unknown browser");
		assertThat(DeviceSummary.of("Firefox/<b>")).isEqualTo("Firefox");
		assertThat(DeviceSummary.of("\u0000\uFFFF garbage ;;; //")).isEqualTo("Unknown browser");
	}

	@Test
	void readsOnlyTheFirst512Characters() {
		String padding = "x".repeat(DeviceSummary.MAX_INPUT);
		assertThat(DeviceSummary.of(padding + " Firefox/131.0 (Windows)")).isEqualTo("Unknown browser");
		assertThat(DeviceSummary.of("Mozilla/5.0 (Windows NT 10.0) Firefox/131.0 " + "x".repeat(1_000_000)))
				.isEqualTo("Firefox 131 on Windows");
	}

	@Test
	void capsAbsurdVersionNumbers() {
		assertThat(DeviceSummary.of("Firefox/99999999999999999999")).isEqualTo("Firefox 99999");
	}
}
