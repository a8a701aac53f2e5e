package eu.pledge.patrol;

import java.util.List;

/**
 * The paths no legitimate client asks for ({@code pledge.patrol.honeytraps}): an exact path, or everything under
 * an entry that ends in {@code /} (and the entry without it). Matched against the path as sent, without query
 * string or path parameters, as the access log records it.
 */
final class Honeytraps {

	private final List<String> traps;

	Honeytraps(PatrolProperties properties) {
		this.traps = List.copyOf(properties.honeytraps());
	}

	boolean contains(String path) {
		if (path == null) {
			return false;
		}
		for (String trap : traps) {
			if (trap.endsWith("/") ? path.startsWith(trap) || path.equals(trap.substring(0, trap.length() - 1))
					: path.equals(trap)) {
				return true;
			}
		}
		return false;
	}
}
