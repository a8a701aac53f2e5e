package eu.pledge.web;

import java.io.IOException;
import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.header.HeaderWriter;
import org.springframework.stereotype.Component;

/**
 * Answers a request that failed where nothing else could answer it (a servlet filter, the container's error
 * dispatch): whatever the failed code had set is dropped, and the answer is built from scratch like every
 * other Pledge answer: the request id, the security headers, {@code Retry-After} on a 503, and an RFC 9457
 * problem or, for a browser, the error page ({@code templates/error.html}).
 */
@Component
class ErrorResponses {

	private final List<HeaderWriter> headers;
	private final Problems problems;

	ErrorResponses(WebProperties web, Problems problems) {
		this.problems = problems;
		this.headers = SecurityHeaders.writers(web);
	}

	/** Writes the answer; the response must not be committed yet. */
	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status) throws IOException {
		String requestId = response.getHeader(RequestIdFilter.HEADER);
		response.reset(); // cookies, caching and content headers of what failed must not go out with the error
		if (requestId != null) {
			response.setHeader(RequestIdFilter.HEADER, requestId);
		}
		for (HeaderWriter writer : headers) {
			writer.writeHeaders(request, response);
		}
		if (status == HttpStatus.SERVICE_UNAVAILABLE) {
			response.setHeader("Retry-After", Long.toString(Failures.RETRY_AFTER.toSeconds()));
		}
		if (status == HttpStatus.CONFLICT) {
			response.setHeader("Retry-After", Long.toString(Failures.RETRY_AFTER_CONTENDED.toSeconds()));
		}
		String detail = Failures.detail(status);
		if (!Problems.wantsPage(request)) {
			problems.writeProblem(response, status, detail);
			return;
		}
		// the page says in its own words what the common statuses mean; only these need the sentence (without it, a
		// contended change's page told the person to check what they had entered)
		problems.writePage(request, response, status,
				status.value() == 405 || status.value() == 409 || status.value() == 413 ? detail : null);
	}
}
