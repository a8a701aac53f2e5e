package eu.pledge.privacy.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * One place personal data is kept.
 *
 * @param category the inventory category it belongs to, e.g. {@code identity}, {@code ip-addresses}
 * @param location a table ({@code table:accounts}) or a file set ({@code files:logs/access-*.json.gz})
 * @param retention how long an item lives after its last use, as configured in the owning module; null when
 *        the item lives as long as the account (and the contract rule of the inventory applies)
 */
public record DataStore(String category, String location, Duration retention) {

	public DataStore {
		Objects.requireNonNull(category, "category");
		Objects.requireNonNull(location, "location");
	}
}
