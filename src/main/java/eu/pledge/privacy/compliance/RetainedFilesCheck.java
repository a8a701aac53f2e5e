package eu.pledge.privacy.compliance;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.Holders;
import eu.pledge.privacy.PrivacyProperties;
import eu.pledge.privacy.notice.Periods;
import eu.pledge.privacy.spi.ComplianceCheck;
import eu.pledge.privacy.spi.DataStore;

/**
 * "Server logs are rotated and eventually cleared": no file of a declared file set ({@code files:<dir>/<glob>},
 * relative to the working directory) was last modified longer ago than its store's retention plus one sweep
 * interval. Covers whichever module declares files (the server logs, for one).
 */
@Component
class RetainedFilesCheck implements ComplianceCheck {

	private final Holders holders;
	private final PrivacyProperties properties;

	RetainedFilesCheck(Holders holders, PrivacyProperties properties) {
		this.holders = holders;
		this.properties = properties;
	}

	@Override
	public String promise() {
		return "files-cleared-after-retention";
	}

	@Override
	public Result check(Instant now) {
		List<String> old = new ArrayList<>();
		int sets = 0;
		long files = 0;
		for (DataStore store : holders.stores()) {
			if (!store.location().startsWith("files:") || store.retention() == null) {
				continue;
			}
			sets++;
			Path pattern = Path.of(store.location().substring("files:".length()));
			Path directory = pattern.getParent() == null ? Path.of(".") : pattern.getParent();
			if (!Files.isDirectory(directory)) {
				continue;
			}
			Instant limit = now.minus(store.retention()).minus(properties.sweepInterval());
			try (DirectoryStream<Path> matches = Files.newDirectoryStream(directory, pattern.getFileName().toString())) {
				for (Path file : matches) {
					files++;
					if (Files.getLastModifiedTime(file).toInstant().isBefore(limit)) {
						old.add(file.getFileName() + " (" + store.category() + ", kept " + Periods.plain(store.retention()) + ")");
					}
				}
			}
			catch (IOException ex) {
				old.add(directory + " could not be read");
			}
		}
		if (!old.isEmpty()) {
			return Result.fail(old.size() + " files older than their period: " + String.join(", ", old));
		}
		return Result.pass(sets == 0 ? "no file set declared"
				: "no file older than its period (" + sets + " file sets, " + files + " files)");
	}
}
