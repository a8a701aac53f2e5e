package eu.pledge.shared;

import java.util.Objects;
import java.util.UUID;

/**
 * The data key of one stored record that belongs to no account, e.g. a contact message or a data-subject request
 * made without an account: the record's own id. Not a person's id, so it is never taken for one.
 */
public record RecordKey(UUID value) implements KeyOwner {

	public RecordKey {
		Objects.requireNonNull(value, "value");
	}
}
