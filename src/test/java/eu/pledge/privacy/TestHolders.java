package eu.pledge.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;

/**
 * Stand-ins for the holders branch {@code rights} writes: one holder that declares every table of the temporary
 * list (so the runtime inventory check sees the state after that merge), with the configured IP and audit periods,
 * plus a file set of server logs in a temporary directory, and records which accounts it was asked to erase.
 */
@TestConfiguration(proxyBeanMethods = false)
class TestHolders {

	static final class StandIn implements PersonalDataHolder {

		final List<AccountId> erased = new CopyOnWriteArrayList<>();
		final Path logs;
		private final Duration ipLifetime;
		private final Duration auditRetention;

		StandIn(Path logs, Duration ipLifetime, Duration auditRetention) {
			this.logs = logs;
			this.ipLifetime = ipLifetime;
			this.auditRetention = auditRetention;
		}

		@Override
		public List<DataStore> describe() {
			List<DataStore> stores = new ArrayList<>();
			for (Map.Entry<String, String> table : NoPersonalData.DECLARED_BY_HOLDER_ON_BRANCH_RIGHTS.entrySet()) {
				Duration retention = switch (table.getValue()) {
					case "ip-addresses" -> ipLifetime;
					case "audit-events" -> auditRetention;
					default -> null;
				};
				stores.add(new DataStore(table.getValue(), "table:" + table.getKey(), retention));
			}
			stores.add(new DataStore("server-logs", "files:" + logs.resolve("access-*.log"), Duration.ofDays(30)));
			return stores;
		}

		@Override
		public List<HeldItem> export(AccountId account) {
			return Collections.emptyList();
		}

		@Override
		public void erase(AccountId account) {
			erased.add(account);
		}
	}

	/** A retention rule that fails while {@code failing} is set, as a rule whose database is away would. */
	static final class FlakyRule implements eu.pledge.privacy.spi.RetentionRule {

		volatile boolean failing;

		@Override
		public String name() {
			return "test-flaky";
		}

		@Override
		public String category() {
			return "identity";
		}

		@Override
		public long sweep(java.time.Instant now) {
			if (failing) {
				throw new IllegalStateException("planted failure");
			}
			return 0;
		}
	}

	@Bean
	FlakyRule flakyRule() {
		return new FlakyRule();
	}

	@Bean
	StandIn standInHolder(@Value("${pledge.protection.record-lifetime:24h}") Duration ipLifetime,
			@Value("${pledge.audit.retention:60d}") Duration auditRetention) {
		try {
			return new StandIn(Files.createTempDirectory("pledge-logs"), ipLifetime, auditRetention);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
