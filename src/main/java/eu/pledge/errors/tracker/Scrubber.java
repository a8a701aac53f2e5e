package eu.pledge.errors.tracker;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Removes what looks personal or secret from an event before anything of it is stored: values of sensitive
 * keys ({@code password=…}, {@code "token": "…"}, {@code Authorization: Bearer …}), emails, IPv4 and IPv6
 * addresses, card numbers (Luhn-checked), JSON web tokens, cloud keys and long random strings, plus the
 * configured patterns. Bodies, cookies and headers never reach an event in the first place; a route keeps no
 * query. Everything is replaced by {@value #FILTERED}, so an engineer sees that something was there.
 */
@Component
public class Scrubber {

	static final String FILTERED = "[Filtered]";

	private static final List<String> SENSITIVE_KEYS = List.of("password", "passwd", "pwd", "passphrase", "secret",
			"token", "apikey", "api_key", "api-key", "access_key", "accesskey", "auth", "credential", "cookie",
			"session", "csrf", "xsrf", "private_key", "privatekey", "signature", "otp", "totp", "dsn", "iban",
			"card", "cvv", "cvc", "ssn");

	/** What {@link #BEARER} starts with, lower-cased. */
	private static final List<String> SCHEMES = List.of("bearer", "basic", "digest", "token");

	private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9._%+'-]+@[A-Za-z0-9-]+(?:\\.[A-Za-z0-9-]+)*\\.[A-Za-z]{2,}");
	private static final Pattern BEARER = Pattern.compile("(?i)\\b(bearer|basic|digest|token)\\s+[A-Za-z0-9._~+/=-]{6,}");
	private static final Pattern JWT = Pattern.compile("\\beyJ[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");
	private static final Pattern CLOUD_KEY = Pattern.compile("\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b");
	private static final Pattern IPV4 = Pattern.compile("(?<![\\w.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\w.])");
	private static final Pattern IPV6_CANDIDATE = Pattern.compile("(?i)(?<![\\w:])[0-9a-f:]*:[0-9a-f:]*:[0-9a-f:.]*(?:%[\\w]+)?(?![\\w:])");
	private static final Pattern CARD = Pattern.compile("(?<![\\w-])\\d(?:[ -]?\\d){12,18}(?![\\w-])");
	private static final Pattern LONG_RANDOM = Pattern.compile("(?<![\\w+/=-])[A-Za-z0-9+/_=-]{32,}(?![\\w+/=-])");
	private static final Pattern UUID = Pattern.compile("(?i)[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

	private final Pattern keyValue;
	private final List<String> sensitiveKeys;
	private final List<Pattern> extra;

	@Autowired
	Scrubber(ErrorsProperties properties) {
		this(properties.scrub());
	}

	/** With the built-in rules plus {@code scrub}'s (also the application log's: {@code capture.ScrubbedLogFields}). */
	public Scrubber(ErrorsProperties.Scrub scrub) {
		List<String> keys = new ArrayList<>(SENSITIVE_KEYS);
		scrub.keys().forEach(key -> keys.add(key.toLowerCase(Locale.ROOT)));
		this.sensitiveKeys = List.copyOf(keys);
		String alternatives = String.join("|", keys.stream().map(Pattern::quote).toList());
		// key=value, key: value, "key": "value", key='value' (JSON, query strings, headers, toString()s)
		this.keyValue = Pattern.compile("(?i)([\\w.-]*(?:" + alternatives + ")[\\w.-]*[\"']?\\s*[=:]\\s*)"
				+ "(\"[^\"]*\"|'[^']*'|[^\\s&,;)\\]}]+)");
		this.extra = scrub.patterns().stream().map(Pattern::compile).toList();
	}

	/** The event without anything that looks personal or secret. */
	ErrorEvent scrub(ErrorEvent event) {
		List<ErrorEvent.ExceptionInfo> exceptions = event.exceptions().stream()
				.map(e -> new ErrorEvent.ExceptionInfo(e.type(), text(e.value()), e.frames())).toList();
		Map<String, String> tags = new LinkedHashMap<>();
		event.tags().forEach((key, value) -> tags.put(key, sensitiveKey(key) ? FILTERED : text(value)));
		ErrorEvent.RequestInfo request = event.request() == null ? null
				: new ErrorEvent.RequestInfo(event.request().method(), route(event.request().route()),
						event.request().requestId());
		String account = event.accountId();
		if (account != null && !text(account).equals(account)) {
			account = null; // an email or address where an id belongs: dropped rather than kept
		}
		return new ErrorEvent(event.eventId(), event.projectId(), event.timestamp(), event.level(), event.platform(),
				exceptions, text(event.message()), text(event.messageTemplate()), event.fingerprint(), event.release(),
				event.environment(), event.serverName(), request, account, tags);
	}

	/**
	 * A free text with every sensitive value replaced. Each rule runs only when the text holds what every match of
	 * it must contain (an {@code @} for an email, 13 digits for a card number, …): most texts of an event hold
	 * none of it, and the checks are single scans where the rules' expressions try every position.
	 */
	public String text(String text) {
		return text(text, false);
	}

	/** {@link #text(String)} with every rule run whatever its check says (for the tests that compare both). */
	String textByEveryRule(String text) {
		return text(text, true);
	}

	private String text(String text, boolean everyRule) {
		if (text == null || text.isEmpty()) {
			return text;
		}
		String result = text;
		if (everyRule || containsAny(result.toLowerCase(Locale.ROOT), SCHEMES)) {
			result = replace(BEARER, result, m -> m.group(1) + " " + FILTERED);
		}
		if (everyRule || ((result.indexOf('=') >= 0 || result.indexOf(':') >= 0)
				&& containsAny(result.toLowerCase(Locale.ROOT), sensitiveKeys))) {
			result = replace(keyValue, result, m -> m.group(1) + FILTERED);
		}
		if (everyRule || result.contains("eyJ")) {
			result = JWT.matcher(result).replaceAll(FILTERED);
		}
		if (everyRule || result.contains("AKIA") || result.contains("ASIA")) {
			result = CLOUD_KEY.matcher(result).replaceAll(FILTERED);
		}
		if (everyRule || result.indexOf('@') >= 0) {
			result = EMAIL.matcher(result).replaceAll(FILTERED);
		}
		if (everyRule || result.indexOf('.') >= 0) {
			result = IPV4.matcher(result).replaceAll(FILTERED);
		}
		if (everyRule || result.indexOf(':') >= 0) {
			result = replace(IPV6_CANDIDATE, result, m -> isIpv6(m.group()) ? FILTERED : m.group());
		}
		if (everyRule || digits(result) >= 13) {
			result = replace(CARD, result, m -> luhn(m.group()) ? FILTERED : m.group());
		}
		if (everyRule || longestRun(result) >= 32) {
			result = replace(LONG_RANDOM, result, m -> looksRandom(m.group()) ? FILTERED : m.group());
		}
		for (Pattern pattern : extra) {
			result = pattern.matcher(result).replaceAll(FILTERED);
		}
		return result;
	}

	/**
	 * Whether the lower-cased text contains one of the (lower-case) words. The rules match their words ASCII case
	 * insensitively, and lower-casing turns every ASCII letter into its lower case, so no match is missed.
	 */
	private static boolean containsAny(String lowerCase, List<String> words) {
		for (String word : words) {
			if (lowerCase.contains(word)) {
				return true;
			}
		}
		return false;
	}

	/** How many ASCII digits (what {@code \d} matches) the text holds. */
	private static int digits(String text) {
		int count = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			if (c >= '0' && c <= '9') {
				count++;
			}
		}
		return count;
	}

	/** The longest run of characters {@link #LONG_RANDOM} matches. */
	private static int longestRun(String text) {
		int longest = 0;
		int run = 0;
		for (int i = 0; i < text.length(); i++) {
			char c = text.charAt(i);
			boolean in = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '+' || c == '/'
					|| c == '_' || c == '=' || c == '-';
			run = in ? run + 1 : 0;
			longest = Math.max(longest, run);
		}
		return longest;
	}

	boolean sensitiveKey(String key) {
		String lower = key == null ? "" : key.toLowerCase(Locale.ROOT);
		return sensitiveKeys.stream().anyMatch(lower::contains);
	}

	/** A route pattern or path without its query or fragment, scrubbed. */
	private String route(String route) {
		if (route == null) {
			return null;
		}
		int cut = route.indexOf('?');
		int hash = route.indexOf('#');
		if (hash >= 0 && (cut < 0 || hash < cut)) {
			cut = hash;
		}
		return text(cut >= 0 ? route.substring(0, cut) : route);
	}

	private static String replace(Pattern pattern, String text, Function<Matcher, String> replacement) {
		Matcher matcher = pattern.matcher(text);
		StringBuilder out = new StringBuilder(text.length());
		while (matcher.find()) {
			matcher.appendReplacement(out, Matcher.quoteReplacement(replacement.apply(matcher)));
		}
		matcher.appendTail(out);
		return out.toString();
	}

	/** Parsed as an IPv6 literal (a string with a colon never triggers a DNS lookup). */
	static boolean isIpv6(String candidate) {
		String address = candidate.endsWith(".") ? candidate.substring(0, candidate.length() - 1) : candidate;
		long colons = address.chars().filter(c -> c == ':').count();
		if (colons < 2 || address.chars().noneMatch(c -> Character.digit(c, 16) >= 0)) {
			return false;
		}
		if (!address.contains("::") && colons < 7 && !address.contains(".")) {
			return false; // 12:30:45 is a time, not an address
		}
		try {
			return InetAddress.getByName(address) instanceof java.net.Inet6Address
					|| address.toLowerCase(Locale.ROOT).startsWith("::ffff:");
		}
		catch (UnknownHostException | SecurityException ex) {
			return false;
		}
	}

	static boolean luhn(String candidate) {
		String digits = candidate.replaceAll("[ -]", "");
		if (digits.length() < 13 || digits.length() > 19 || digits.chars().distinct().count() < 2) {
			return false;
		}
		int sum = 0;
		boolean twice = false;
		for (int i = digits.length() - 1; i >= 0; i--) {
			int digit = digits.charAt(i) - '0';
			if (twice) {
				digit *= 2;
				if (digit > 9) {
					digit -= 9;
				}
			}
			sum += digit;
			twice = !twice;
		}
		return sum % 10 == 0;
	}

	/** Letters and digits mixed, not an id we want to keep (a UUID), not a dotted class name. */
	private static boolean looksRandom(String candidate) {
		if (UUID.matcher(candidate).find()) {
			return false;
		}
		boolean digit = candidate.chars().anyMatch(Character::isDigit);
		boolean letter = candidate.chars().anyMatch(Character::isLetter);
		return digit && letter;
	}
}
