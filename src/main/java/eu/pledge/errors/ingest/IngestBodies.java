package eu.pledge.errors.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import java.util.zip.InflaterInputStream;
import java.util.zip.ZipException;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.HttpStatus;

import eu.pledge.shared.Rejected;

/**
 * Reads an ingest request body within the limits: at most {@code max-compressed-size} as sent, at most
 * {@code max-size} once decompressed ({@code gzip}, {@code deflate} or {@code x-gzip} as the SDKs send; a
 * decompression bomb stops at the limit, not at the end of memory).
 */
final class IngestBodies {

	private IngestBodies() {
	}

	static byte[] read(HttpServletRequest request, IngestProperties limits) {
		int maxCompressed = (int) limits.maxCompressedSize().toBytes();
		int max = (int) limits.maxSize().toBytes();
		long declared = request.getContentLengthLong();
		if (declared > maxCompressed) {
			throw tooLarge(limits.maxCompressedSize().toKilobytes() + " KB as sent");
		}
		String encoding = request.getHeader("Content-Encoding");
		encoding = encoding == null ? "identity" : encoding.strip().toLowerCase(Locale.ROOT);
		try {
			byte[] raw = declared >= 0 ? readDeclared(request.getInputStream(), (int) declared)
					: readAtMost(request.getInputStream(), maxCompressed,
							limits.maxCompressedSize().toKilobytes() + " KB as sent");
			return switch (encoding) {
				case "identity", "" -> raw;
				case "gzip", "x-gzip" -> inflate(new GZIPInputStream(new java.io.ByteArrayInputStream(raw)), max, limits);
				case "deflate" -> deflate(raw, max, limits);
				default -> throw new Rejected(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
						"Pledge accepts bodies plain or with Content-Encoding gzip or deflate.");
			};
		}
		catch (ZipException | java.io.EOFException ex) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "The body is not valid " + encoding + " data.");
		}
		catch (IOException ex) {
			throw new Rejected(HttpStatus.BAD_REQUEST, "The request body could not be read completely.");
		}
	}

	/** HTTP's deflate is zlib-wrapped; some clients send it raw, which is accepted too. */
	private static byte[] deflate(byte[] raw, int max, IngestProperties limits) throws IOException {
		try {
			return inflate(new InflaterInputStream(new java.io.ByteArrayInputStream(raw), new Inflater()), max, limits);
		}
		catch (ZipException ex) {
			return inflate(new InflaterInputStream(new java.io.ByteArrayInputStream(raw), new Inflater(true)), max, limits);
		}
	}

	private static byte[] inflate(InputStream in, int max, IngestProperties limits) throws IOException {
		try (in) {
			return readAtMost(in, max, limits.maxSize().toMegabytes() + " MB decompressed");
		}
	}

	/** A body of declared length (within the limit, checked before): read straight into an array of that size. */
	private static byte[] readDeclared(InputStream in, int length) throws IOException {
		byte[] body = in.readNBytes(length);
		if (body.length < length) {
			throw new IOException("The body ended before its declared length"); // the sender gave up
		}
		return body;
	}

	private static byte[] readAtMost(InputStream in, int max, String limit) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
		byte[] buffer = new byte[8192];
		long total = 0;
		int n;
		while ((n = in.read(buffer)) > 0) {
			total += n;
			if (total > max) {
				throw tooLarge(limit);
			}
			out.write(buffer, 0, n);
		}
		return out.toByteArray();
	}

	private static Rejected tooLarge(String limit) {
		return new Rejected(HttpStatus.CONTENT_TOO_LARGE, "The event is larger than the " + limit + " Pledge accepts.");
	}

}
