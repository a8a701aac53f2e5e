package eu.pledge.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/** Writes refusals from servlet filters, where no controller advice runs: problem JSON or a small page. */
final class Problems {

	private Problems() {
	}

	static void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		response.setStatus(status.value());
		response.setCharacterEncoding("UTF-8");
		if (request.getRequestURI().startsWith("/api/")) {
			response.setContentType("application/problem+json");
			response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
					+ "\",\"status\":" + status.value() + ",\"detail\":\"" + detail.replace("\"", "'") + "\"}");
		}
		else {
			response.setContentType("text/html");
			response.getWriter().write("<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
					+ status.getReasonPhrase() + "</title><link rel=\"stylesheet\" href=\"/css/pledge.css\"></head>"
					+ "<body><main class=\"card\"><h1>" + status.getReasonPhrase() + "</h1><p>"
					+ HtmlUtils.htmlEscape(detail) + "</p></main></body></html>");
		}
	}
}
