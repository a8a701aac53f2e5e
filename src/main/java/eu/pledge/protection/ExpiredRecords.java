package eu.pledge.protection;

import java.time.Clock;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes every protection record past its expiry: the retention rule for the addresses this module holds.
 * Reads already ignore expired rows, so a late purge never lets an old record count. Every node may run it;
 * deleting what another node just deleted is harmless.
 */
@Component
class ExpiredRecords {

	private static final Logger log = LoggerFactory.getLogger(ExpiredRecords.class);

	private final AddressRecords addresses;
	private final Throttles throttles;
	private final KnownAddresses known;
	private final Clock clock;

	ExpiredRecords(AddressRecords addresses, Throttles throttles, KnownAddresses known, Clock clock) {
		this.addresses = addresses;
		this.throttles = throttles;
		this.known = known;
		this.clock = clock;
	}

	/** Returns how many records were deleted. */
	@Scheduled(fixedDelayString = "${pledge.protection.purge-interval:5m}")
	int purge() {
		Instant now = Timestamps.now(clock);
		int deleted = addresses.deleteExpired(now) + throttles.deleteExpired(now) + known.deleteExpired(now);
		if (deleted > 0) {
			log.debug("Purged {} expired protection records", deleted);
		}
		return deleted;
	}
}
