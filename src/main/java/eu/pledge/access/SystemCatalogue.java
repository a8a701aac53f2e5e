package eu.pledge.access;

import java.util.List;
import java.util.Map;

import org.springframework.stereotype.Component;

import eu.pledge.shared.Rejected;

/** The vendor's systems and their access levels, lowest first, as configured. */
@Component
class SystemCatalogue {

	private final Map<String, List<String>> systems;

	SystemCatalogue(AccessProperties properties) {
		this.systems = properties.systems();
	}

	Map<String, List<String>> systems() {
		return systems;
	}

	/** The rank of a level in its system (0 = lowest), or -1 when the catalogue no longer has it. */
	int rank(String system, String level) {
		List<String> levels = systems.get(system);
		return levels == null ? -1 : levels.indexOf(level);
	}

	/** Checks requested grants against the catalogue; the field names the offending system. */
	Map<String, String> requireKnown(Map<String, String> grants) {
		if (grants == null) {
			return Map.of();
		}
		grants.forEach((system, level) -> {
			if (!systems.containsKey(system)) {
				throw Rejected.badRequest("systems." + system,
						"There is no system called '" + abbreviate(system) + "'. Known systems: " + String.join(", ", systems.keySet()) + ".");
			}
			if (rank(system, level) < 0) {
				throw Rejected.badRequest("systems." + system, "The system " + system + " has no level '"
						+ abbreviate(level) + "'. Its levels are: " + String.join(", ", systems.get(system)) + ".");
			}
		});
		return Map.copyOf(grants);
	}

	private static String abbreviate(String value) {
		return value == null ? "" : value.length() > 50 ? value.substring(0, 50) + "…" : value;
	}
}
