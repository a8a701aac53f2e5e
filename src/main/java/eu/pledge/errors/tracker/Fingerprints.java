package eu.pledge.errors.tracker;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import eu.pledge.shared.Tokens;

/**
 * Which events are the same bug. By default: the exception types of the chain with their normalised in-app
 * frames (module and function; line numbers, lambda counters, CGLIB/proxy/accessor names left out), so the
 * same bug thrown from two lines of one method, or after an unrelated edit moved it, is one issue. Without a
 * stack, the message template with numbers, UUIDs and hex values normalised. An explicit fingerprint replaces
 * all of it; its {@value #DEFAULT} part stands for the default parts (Sentry's convention).
 */
final class Fingerprints {

	static final String DEFAULT = "{{ default }}";

	private static final Pattern LAMBDA = Pattern.compile("lambda\\$(.*?)\\$\\d+");
	private static final Pattern CGLIB = Pattern.compile("\\$\\$(?:SpringCGLIB|EnhancerBySpringCGLIB|FastClassBySpringCGLIB|EnhancerByCGLIB)\\$\\$[\\w$]*");
	private static final Pattern JDK_LAMBDA = Pattern.compile("\\$\\$Lambda(?:\\$\\d+)?(?:/0x[0-9a-f]+)?(?:/\\d+)?");
	private static final Pattern PROXY = Pattern.compile("\\$Proxy\\d+");
	private static final Pattern PROXY_PACKAGE = Pattern.compile("jdk\\.proxy\\d+");
	private static final Pattern ACCESSOR = Pattern.compile("(Generated(?:Serialization|Method|Constructor)Accessor)\\d+");
	private static final Pattern HIBERNATE = Pattern.compile("\\$HibernateProxy\\$\\w+|\\$ByteBuddy\\$\\w+");
	private static final Pattern UUID = Pattern.compile("(?i)\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b");
	private static final Pattern HEX = Pattern.compile("(?i)\\b(?:0x[0-9a-f]+|(?=[0-9a-f]*\\d)[0-9a-f]{8,})\\b");
	private static final Pattern NUMBER = Pattern.compile("\\d+(?:[.,]\\d+)*");

	private Fingerprints() {
	}

	/** The hash (64 hex characters) an issue is found by. */
	static String hash(ErrorEvent event) {
		return Tokens.sha256(String.join("\n", parts(event)));
	}

	static List<String> parts(ErrorEvent event) {
		List<String> explicit = event.fingerprint();
		if (explicit.isEmpty()) {
			return defaults(event);
		}
		List<String> parts = new ArrayList<>();
		for (String part : explicit) {
			if (DEFAULT.equals(part) || "{{default}}".equals(part)) {
				parts.addAll(defaults(event));
			}
			else {
				parts.add("explicit:" + part);
			}
		}
		return parts;
	}

	static List<String> defaults(ErrorEvent event) {
		List<String> parts = new ArrayList<>();
		for (ErrorEvent.ExceptionInfo exception : event.exceptions()) {
			List<ErrorEvent.Frame> frames = exception.frames().stream().filter(ErrorEvent.Frame::inApp).toList();
			if (frames.isEmpty()) {
				frames = exception.frames();
			}
			parts.add("type:" + className(exception.type()));
			for (ErrorEvent.Frame frame : frames) {
				parts.add("frame:" + className(frame.module()) + "." + function(frame.function()));
			}
		}
		boolean anyFrame = event.exceptions().stream().anyMatch(e -> !e.frames().isEmpty());
		if (!anyFrame) {
			if (!event.exceptions().isEmpty()) {
				parts.add("value:" + template(event.exceptions().get(0).value()));
			}
			else {
				String template = event.messageTemplate() != null ? event.messageTemplate() : event.message();
				parts.add("message:" + template(template));
			}
		}
		return parts;
	}

	/** A class name without generated parts: proxies, CGLIB subclasses, accessors and lambda classes. */
	static String className(String name) {
		if (name == null) {
			return "";
		}
		if (name.indexOf('$') < 0 && !name.contains("jdk.proxy") && !name.contains("Accessor")) {
			return name; // most frames: nothing generated, and six regular expressions spared per frame
		}
		String result = CGLIB.matcher(name).replaceAll("");
		result = JDK_LAMBDA.matcher(result).replaceAll("\\$\\$Lambda");
		result = HIBERNATE.matcher(result).replaceAll("");
		result = PROXY.matcher(result).replaceAll("\\$Proxy");
		result = PROXY_PACKAGE.matcher(result).replaceAll("jdk.proxy");
		return ACCESSOR.matcher(result).replaceAll("$1");
	}

	/** A method name without the compiler's lambda counter: {@code lambda$save$0} is {@code lambda$save}. */
	static String function(String name) {
		if (name == null) {
			return "";
		}
		return name.contains("lambda$") ? LAMBDA.matcher(name).replaceAll("lambda\\$$1") : name;
	}

	/** A message with its variable parts replaced, so "order 12 failed" and "order 13 failed" group. */
	static String template(String message) {
		if (message == null) {
			return "";
		}
		String result = UUID.matcher(message).replaceAll("<uuid>");
		result = HEX.matcher(result).replaceAll("<hex>");
		return NUMBER.matcher(result).replaceAll("<n>").trim();
	}
}
