package eu.pledge.access;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

import eu.pledge.shared.PositiveDuration;

/**
 * Access settings, checked at start-up: a bad catalogue stops the application rather than granting
 * something nobody meant.
 *
 * @param systems the vendor's systems and their access levels, lowest first (e.g.
 *        {@code pledge.access.systems.crm=viewer,editor,manager}); when none are configured the default
 *        catalogue {@code crm: viewer, editor, manager; billing: viewer, manager; analytics: viewer, editor}
 * @param invitationValidity how long a mailed invitation link works
 */
@Validated
@ConfigurationProperties("pledge.access")
public record AccessProperties(Map<String, List<String>> systems,
		@PositiveDuration @DefaultValue("7d") Duration invitationValidity) {

	private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]{0,49}");

	static final Map<String, List<String>> DEFAULT_SYSTEMS = defaults();

	public AccessProperties {
		systems = systems == null || systems.isEmpty() ? DEFAULT_SYSTEMS : copyChecked(systems);
	}

	private static Map<String, List<String>> copyChecked(Map<String, List<String>> systems) {
		Map<String, List<String>> checked = new LinkedHashMap<>();
		systems.forEach((system, levels) -> {
			if (!NAME.matcher(system).matches()) {
				throw new IllegalArgumentException("pledge.access.systems: '" + system
						+ "' is not a valid system name (lower-case letters, digits and '-', at most 50)");
			}
			if (levels == null || levels.isEmpty()) {
				throw new IllegalArgumentException("pledge.access.systems." + system + " needs at least one level");
			}
			List<String> clean = levels.stream().map(String::strip).toList();
			for (String level : clean) {
				if (!NAME.matcher(level).matches()) {
					throw new IllegalArgumentException("pledge.access.systems." + system + ": '" + level
							+ "' is not a valid level name (lower-case letters, digits and '-', at most 50)");
				}
			}
			if (clean.stream().distinct().count() != clean.size()) {
				throw new IllegalArgumentException("pledge.access.systems." + system + " names a level twice");
			}
			checked.put(system, List.copyOf(clean));
		});
		return java.util.Collections.unmodifiableMap(checked);
	}

	private static Map<String, List<String>> defaults() {
		Map<String, List<String>> systems = new LinkedHashMap<>();
		systems.put("crm", List.of("viewer", "editor", "manager"));
		systems.put("billing", List.of("viewer", "manager"));
		systems.put("analytics", List.of("viewer", "editor"));
		return java.util.Collections.unmodifiableMap(systems);
	}
}
