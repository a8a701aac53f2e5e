package eu.pledge.errors.tracker;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import eu.pledge.shared.StorableText;

/** Small rules about one event: defaults for what a sender left out, and how an issue is titled. */
final class Events {

	private static final Set<String> LEVELS = Set.of("fatal", "error", "warning", "info", "debug");
	private static final Pattern EVENT_ID = Pattern.compile("[0-9a-fA-F]{32}");
	private static final Pattern SPACES = Pattern.compile("\\s+");

	private Events() {
	}

	/**
	 * The event with an id, a known level and a project, and every text storable ({@link StorableText#storable}:
	 * PostgreSQL refuses a NUL, which a sender's message may well hold); nothing else is invented.
	 */
	static ErrorEvent normalize(ErrorEvent event) {
		String eventId = event.eventId() != null && EVENT_ID.matcher(event.eventId()).matches()
				? event.eventId().toLowerCase(Locale.ROOT)
				: UUID.randomUUID().toString().replace("-", "");
		String level = event.level() == null ? "error" : event.level().toLowerCase(Locale.ROOT);
		if ("warn".equals(level)) {
			level = "warning";
		}
		if (!LEVELS.contains(level)) {
			level = "error";
		}
		long project = event.projectId() > 0 ? event.projectId() : ErrorEvent.PLEDGE_PROJECT;
		ErrorEvent.RequestInfo request = event.request() == null ? null
				: new ErrorEvent.RequestInfo(text(event.request().method()), text(event.request().route()),
						text(event.request().requestId()));
		Map<String, String> tags = new LinkedHashMap<>();
		event.tags().forEach((key, value) -> tags.put(text(key), text(value)));
		return new ErrorEvent(eventId, project, event.timestamp(), level, text(event.platform()),
				event.exceptions().stream().map(Events::storable).toList(), text(event.message()),
				text(event.messageTemplate()), event.fingerprint().stream().map(Events::text).toList(),
				blankToNull(text(event.release())), blankToNull(text(event.environment())), text(event.serverName()),
				request, blankToNull(text(event.accountId())), tags);
	}

	private static ErrorEvent.ExceptionInfo storable(ErrorEvent.ExceptionInfo exception) {
		return new ErrorEvent.ExceptionInfo(text(exception.type()), text(exception.value()), exception.frames().stream()
				.map(f -> new ErrorEvent.Frame(text(f.module()), text(f.function()), text(f.filename()), f.lineno(), f.inApp()))
				.toList());
	}

	private static String text(String value) {
		return StorableText.storable(value);
	}

	/** "Type: value" of the outermost exception, else the message. */
	static String title(ErrorEvent event) {
		String title;
		if (!event.exceptions().isEmpty()) {
			ErrorEvent.ExceptionInfo first = event.exceptions().get(0);
			String type = first.type() == null ? "Error" : first.type();
			title = first.value() == null || first.value().isBlank() ? type : type + ": " + first.value();
		}
		else {
			title = event.message() == null || event.message().isBlank() ? "(no message)" : event.message();
		}
		title = SPACES.matcher(title).replaceAll(" ").trim();
		return EventRepository.cut(title, 500);
	}

	/** Where it happened: the innermost in-app frame of the root cause (or its innermost frame). */
	static String culprit(ErrorEvent event) {
		for (int i = event.exceptions().size() - 1; i >= 0; i--) {
			List<ErrorEvent.Frame> frames = event.exceptions().get(i).frames();
			ErrorEvent.Frame chosen = null;
			for (ErrorEvent.Frame frame : frames) {
				if (frame.inApp()) {
					chosen = frame;
				}
			}
			if (chosen == null && !frames.isEmpty()) {
				chosen = frames.get(frames.size() - 1);
			}
			if (chosen != null) {
				return EventRepository.cut(chosen.module() + "." + chosen.function(), 500);
			}
		}
		return event.request() == null ? null : EventRepository.cut(event.request().route(), 500);
	}

	private static String blankToNull(String value) {
		return value == null || value.isBlank() ? null : value;
	}
}
