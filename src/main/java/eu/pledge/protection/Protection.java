package eu.pledge.protection;

import java.time.Duration;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * The facade every login attempt asks first. Addresses are strings as derived by the web edge; account keys
 * are opaque keyed indexes chosen by the caller (never an email).
 */
@Service
public class Protection {

	/** May an attempt from {@code address} on {@code accountKey} (null when not known) proceed now? */
	public Admission admit(String address, String accountKey) {
		return Admission.ALLOWED;
	}

	public void recordFailure(String address, String accountKey) {
	}

	public void recordSuccess(String address, String accountKey) {
	}

	/** How much longer {@code address} is blocked, if it is; cheap enough to call on every request. */
	public Optional<Duration> blockedFor(String address) {
		return Optional.empty();
	}
}
