package eu.pledge.privacy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;

/**
 * A holder of a file set of logs in a temporary directory (so compliance tests can plant old files) that records
 * which accounts it was asked to erase, and a retention rule that can be made to fail.
 */
@TestConfiguration(proxyBeanMethods = false)
public class TestHolders {

	public static final class StandIn implements PersonalDataHolder {

		public final List<AccountId> erased = new CopyOnWriteArrayList<>();
		public final Path logs;

		StandIn(Path logs) {
			this.logs = logs;
		}

		@Override
		public List<DataStore> describe() {
			return List.of(new DataStore("server-logs", "files:" + logs.resolve("access-*.log"), Duration.ofDays(30)));
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
	public static final class FlakyRule implements eu.pledge.privacy.spi.RetentionRule {

		public volatile boolean failing;

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
	StandIn standInHolder() {
		try {
			return new StandIn(Files.createTempDirectory("pledge-logs"));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
