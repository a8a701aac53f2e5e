package eu.pledge.sessions;

import java.util.List;

/**
 * Turns a User-Agent header into a short label for the "your sessions" list, such as
 * {@code Firefox 131 on Windows}. A hint for a person recognising their own device, not a fingerprint:
 * only major versions and no OS versions are kept.
 * <p>
 * The result is built only from the constant names below and ASCII digits, never from the header's own
 * text, so it is safe to render anywhere and cannot smuggle markup or personal data from the header.
 */
final class DeviceSummary {

	static final String UNKNOWN = "Unknown browser";

	// Longer headers are junk or attacks; cutting them keeps the parsing cost bounded.
	static final int MAX_INPUT = 512;

	private static final int MAX_VERSION_DIGITS = 5;

	/** A token such as {@code "Edg/"} and how many version components to show after it. */
	private record Agent(String name, int components, String... tokens) {
	}

	// Order matters: Chromium-based browsers also say "Chrome/" and "Safari/", Chrome also says "Safari/".
	private static final List<Agent> BROWSERS = List.of(
			new Agent("Edge", 1, "Edg/", "EdgA/", "EdgiOS/", "Edge/"),
			new Agent("Opera", 1, "OPR/", "OPT/"),
			new Agent("Samsung Internet", 1, "SamsungBrowser/"),
			new Agent("Vivaldi", 1, "Vivaldi/"),
			new Agent("Firefox", 1, "Firefox/", "FxiOS/"),
			new Agent("Chromium", 1, "Chromium/"),
			new Agent("Chrome", 1, "HeadlessChrome/", "CriOS/", "Chrome/"),
			new Agent("Internet Explorer", 1, "MSIE ", "rv:"));

	// Command-line tools and libraries keep a major.minor: curl's major 7 lasted from 1998 to 2023.
	private static final List<Agent> TOOLS = List.of(
			new Agent("curl", 2, "curl/"),
			new Agent("Wget", 2, "Wget/"),
			new Agent("python-requests", 2, "python-requests/"),
			new Agent("Java HttpClient", 1, "Java-http-client/"),
			new Agent("Java", 1, "Java/"),
			new Agent("OkHttp", 2, "okhttp/"),
			new Agent("Go HTTP client", 0, "Go-http-client/"));

	private DeviceSummary() {
	}

	static String of(String userAgent) {
		if (userAgent == null || userAgent.isBlank()) {
			return UNKNOWN;
		}
		String ua = userAgent.length() > MAX_INPUT ? userAgent.substring(0, MAX_INPUT) : userAgent;
		for (Agent tool : TOOLS) {
			for (String token : tool.tokens()) {
				if (ua.startsWith(token)) {
					return withVersion(tool.name(), ua, token.length(), tool.components());
				}
			}
		}
		String os = os(ua);
		String browser = browser(ua, os);
		return os == null ? browser : browser + " on " + os;
	}

	private static String browser(String ua, String os) {
		for (Agent browser : BROWSERS) {
			for (String token : browser.tokens()) {
				int at = ua.indexOf(token);
				// "rv:" alone is too common; it means Internet Explorer 11 only next to Trident
				if (at >= 0 && (!token.equals("rv:") || ua.contains("Trident/"))) {
					return withVersion(browser.name(), ua, at + token.length(), browser.components());
				}
			}
		}
		// Every WebKit browser says "Safari/"; only Safari itself also gives "Version/". Old Android
		// stock browsers did too, but they are not Safari.
		int version = ua.indexOf("Version/");
		if (ua.contains("Safari/") && version >= 0 && !"Android".equals(os)) {
			return withVersion("Safari", ua, version + "Version/".length(), 1);
		}
		return UNKNOWN;
	}

	private static String os(String ua) {
		// iOS before macOS ("like Mac OS X"), Android and ChromeOS before Linux
		if (ua.contains("iPhone") || ua.contains("iPad") || ua.contains("iPod")) {
			return "iOS";
		}
		if (ua.contains("Android")) {
			return "Android";
		}
		if (ua.contains("Windows")) {
			return "Windows";
		}
		if (ua.contains("CrOS")) {
			return "ChromeOS";
		}
		if (ua.contains("Macintosh") || ua.contains("Mac OS X")) {
			return "macOS";
		}
		if (ua.contains("Linux") || ua.contains("X11")) {
			return "Linux";
		}
		return null;
	}

	/** {@code name} followed by up to {@code components} dot-separated numbers read from {@code from}. */
	private static String withVersion(String name, String ua, int from, int components) {
		StringBuilder version = new StringBuilder();
		int i = from;
		for (int component = 0; component < components; component++) {
			int start = i;
			while (i < ua.length() && i - start < MAX_VERSION_DIGITS && isDigit(ua.charAt(i))) {
				i++;
			}
			if (i == start) {
				break;
			}
			version.append(component > 0 ? "." : "").append(ua, start, i);
			if (i >= ua.length() || ua.charAt(i) != '.') {
				break;
			}
			i++;
		}
		return version.isEmpty() ? name : name + " " + version;
	}

	private static boolean isDigit(char c) {
		return c >= '0' && c <= '9';
	}
}
