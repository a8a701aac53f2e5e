package eu.pledge.web;

import java.io.IOException;
import java.util.Enumeration;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;

import eu.pledge.shared.ProblemResponses;

/**
 * Writes refusals from servlet filters, where no controller advice runs: an RFC 9457 problem ({@link
 * ProblemResponses}, as the API's), or a small page for a browser ({@link #wantsPage}).
 */
@Component
class Problems {

	private final ProblemResponses problems;

	Problems(ProblemResponses problems) {
		this.problems = problems;
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		if (wantsPage(request)) {
			response.setStatus(status.value());
			response.setCharacterEncoding("UTF-8");
			response.setContentType("text/html");
			response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
					+ status.getReasonPhrase() + "</title><link rel=\"stylesheet\" href=\"/css/pledge.css\"></head>"
					+ "<body><main class=\"card\"><h1>" + status.getReasonPhrase() + "</h1><p>"
					+ HtmlUtils.htmlEscape(detail) + "</p></main></body></html>");
		}
		else {
			writeProblem(response, status, detail);
		}
	}

	void writeProblem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
		problems.write(response, ProblemResponses.problem(status, detail, null));
	}

	/**
	 * A page for a browser (it asks for {@code text/html}) outside the API; a problem for the API and for every
	 * other client. On the container's error dispatch the path is the one the client asked for.
	 */
	static boolean wantsPage(HttpServletRequest request) {
		Object original = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
		String path = original instanceof String uri ? uri : request.getRequestURI();
		if (path.startsWith("/api/")) {
			return false;
		}
		Enumeration<String> accept = request.getHeaders("Accept"); // several field lines make one list
		while (accept != null && accept.hasMoreElements()) {
			if (accept.nextElement().contains("text/html")) {
				return true;
			}
		}
		return false;
	}
}
