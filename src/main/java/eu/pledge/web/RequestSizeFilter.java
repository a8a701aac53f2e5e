package eu.pledge.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;

import eu.pledge.shared.RequestFilter;

/**
 * Refuses oversized bodies with 413 before anything parses them, whether or not a length is declared. The
 * error tracker's Sentry-compatible ingest is exempt: it takes larger, compressed bodies and enforces its own
 * limits on them ({@code pledge.errors.ingest.*}) before and after decompression.
 */
class RequestSizeFilter extends RequestFilter {

	/** {@code POST /api/{projectId}/envelope/} and {@code /store/} (errors module). */
	static final java.util.regex.Pattern SENTRY_INGEST = java.util.regex.Pattern.compile("/api/[0-9]+/(envelope|store)/");

	private final long limit;
	private final Problems problems;

	RequestSizeFilter(WebProperties properties, Problems problems) {
		this.limit = properties.maxRequestBody().toBytes();
		this.problems = problems;
	}

	@Override
	protected boolean shouldNotFilter(HttpServletRequest request) {
		return SENTRY_INGEST.matcher(request.getRequestURI()).matches();
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getContentLengthLong() > limit) {
			problems.write(request, response, HttpStatus.CONTENT_TOO_LARGE,
					"The request body is larger than the " + limit / 1024 + " KB Pledge accepts.");
			return;
		}
		chain.doFilter(new LimitedRequest(request, limit), response);
	}

	/** Thrown when a body without a declared length turns out too large; mapped to 413. */
	static class BodyTooLargeException extends IOException {
		BodyTooLargeException() {
			super("Request body too large");
		}
	}

	private static final class LimitedRequest extends HttpServletRequestWrapper {

		private final long limit;
		private ServletInputStream stream;

		LimitedRequest(HttpServletRequest request, long limit) {
			super(request);
			this.limit = limit;
		}

		@Override
		public ServletInputStream getInputStream() throws IOException {
			if (stream == null) {
				ServletInputStream delegate = super.getInputStream();
				stream = new ServletInputStream() {
					private long read;

					@Override
					public int read() throws IOException {
						int b = delegate.read();
						if (b >= 0 && ++read > limit) {
							throw new BodyTooLargeException();
						}
						return b;
					}

					@Override
					public int read(byte[] buffer, int offset, int length) throws IOException {
						int n = delegate.read(buffer, offset, length);
						if (n > 0 && (read += n) > limit) {
							throw new BodyTooLargeException();
						}
						return n;
					}

					@Override
					public boolean isFinished() {
						return delegate.isFinished();
					}

					@Override
					public boolean isReady() {
						return delegate.isReady();
					}

					@Override
					public void setReadListener(ReadListener listener) {
						delegate.setReadListener(listener);
					}
				};
			}
			return stream;
		}
	}
}
