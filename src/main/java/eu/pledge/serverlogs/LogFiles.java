package eu.pledge.serverlogs;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The files of the log directory. Archived files carry their day in the name, as Logback's patterns write
 * them: {@code access.json.2026-11-27.0.gz}, {@code pledge.json.2026-11-27.0.gz} (UTC days; the index counts
 * size rollovers within a day). The directory belongs to the logs: any file named {@code <name>.<day>[.<n>][.gz]}
 * in it is a log file of that day.
 */
final class LogFiles {

	private static final Pattern DATED = Pattern.compile(".+\\.(\\d{4}-\\d{2}-\\d{2})(?:\\.\\d+)?(?:\\.gz)?");

	/** One archived log file and the (UTC) day its lines are from. */
	record DatedFile(Path path, LocalDate day) {
	}

	private LogFiles() {
	}

	/** Every archived file of the directory with its day; none when the directory does not exist (yet). */
	static List<DatedFile> dated(Path directory) throws IOException {
		List<DatedFile> files = new ArrayList<>();
		for (Path path : list(directory)) {
			Matcher name = DATED.matcher(path.getFileName().toString());
			if (name.matches() && Files.isRegularFile(path)) {
				try {
					files.add(new DatedFile(path, LocalDate.parse(name.group(1))));
				}
				catch (DateTimeParseException ex) {
					// e.g. 2026-13-45: not a day, so not one of ours
				}
			}
		}
		return files;
	}

	/** The access log: the active file and every archived one (plain while Logback compresses it, or gz). */
	static List<Path> accessLog(Path directory) throws IOException {
		return list(directory).stream().filter(path -> {
			String name = path.getFileName().toString();
			return (name.equals(AccessLog.ACTIVE_FILE) || name.startsWith(AccessLog.ACTIVE_FILE + "."))
					&& !name.endsWith(".tmp") && Files.isRegularFile(path);
		}).sorted().toList();
	}

	static List<String> readLines(Path file) throws IOException {
		try (InputStream in = open(file);
				BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
			return reader.lines().toList();
		}
		catch (NoSuchFileException ex) {
			return List.of(); // rotated or deleted meanwhile
		}
	}

	/**
	 * Replaces the content of {@code file}. A compressed file is written beside it and moved over it; the
	 * active (plain) file is rewritten in place, because Logback keeps it open in append mode and goes on
	 * appending at its new end.
	 */
	static void rewrite(Path file, List<String> lines) throws IOException {
		if (isCompressed(file)) {
			Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
			try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(temporary))) {
				write(out, lines);
			}
			Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
		}
		else {
			try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.WRITE,
					StandardOpenOption.TRUNCATE_EXISTING)) {
				write(out, lines);
			}
		}
	}

	private static void write(OutputStream out, List<String> lines) throws IOException {
		BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
		for (String line : lines) {
			writer.write(line);
			writer.write('\n');
		}
		writer.flush();
	}

	private static InputStream open(Path file) throws IOException {
		InputStream in = Files.newInputStream(file);
		return isCompressed(file) ? new GZIPInputStream(in) : in;
	}

	private static boolean isCompressed(Path file) {
		return file.getFileName().toString().endsWith(".gz");
	}

	private static List<Path> list(Path directory) throws IOException {
		if (!Files.isDirectory(directory)) {
			return List.of();
		}
		try (Stream<Path> files = Files.list(directory)) {
			return files.toList();
		}
	}
}
