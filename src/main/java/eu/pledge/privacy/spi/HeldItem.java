package eu.pledge.privacy.spi;

import java.time.Instant;
import java.util.Objects;

/**
 * One thing held about a person, for the access page and the export.
 *
 * @param category the inventory category (its purpose and legal basis come from the inventory)
 * @param kind a stable name for the shape of {@code data}, e.g. {@code profile}, {@code session}
 * @param data the item itself: a record or map that serialises to JSON with stable field names
 * @param deletedBy when this item will be deleted at the latest, or null when it lives as long as the account
 */
public record HeldItem(String category, String kind, Object data, Instant deletedBy) {

	public HeldItem {
		Objects.requireNonNull(category, "category");
		Objects.requireNonNull(kind, "kind");
	}

	@Override
	public String toString() {
		return "HeldItem[category=" + category + ", kind=" + kind + "]";
	}
}
