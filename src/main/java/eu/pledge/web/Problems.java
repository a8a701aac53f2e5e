package eu.pledge.web;

import java.io.IOException;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.util.HtmlUtils;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.WebContext;
import org.thymeleaf.spring6.expression.ThymeleafEvaluationContext;
import org.thymeleaf.web.servlet.JakartaServletWebApplication;

import eu.pledge.shared.ProblemResponses;

/**
 * Writes refusals from servlet filters, where no controller advice runs: an RFC 9457 problem ({@link
 * ProblemResponses}, as the API's), or a small page for a browser ({@link #wantsPage}).
 */
@Component
class Problems {

	private static final Logger log = LoggerFactory.getLogger(Problems.class);

	static final String EXPIRED_HEADING = "This page has expired";
	static final String EXPIRED_SIGNED_OUT = "Nothing was sent: the session this page was opened in has ended (the "
			+ "page was open for a long time, or you signed out or in again in another tab). Sign in again, or reload "
			+ "the page and send it again.";
	static final String EXPIRED_SIGNED_IN = "Nothing was sent: this page was opened in an earlier session (you signed "
			+ "in again since, perhaps in another tab). Go back, reload the page and send it again.";

	private final ProblemResponses problems;
	private final ITemplateEngine templates;
	private final ApplicationContext context;

	Problems(ProblemResponses problems, ITemplateEngine templates, ApplicationContext context) {
		this.problems = problems;
		this.templates = templates;
		this.context = context;
	}

	void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		if (wantsPage(request)) {
			writePage(request, response, status, detail);
		}
		else {
			writeProblem(response, status, detail);
		}
	}

	/**
	 * A form whose anti-forgery token belongs to no live session of the sender: the page was opened in a session
	 * that has ended (left open past its timeout, signed out or in again in another tab). Nothing was done; a 403
	 * as before, which says what happened and how to go on rather than "not allowed".
	 */
	void writeExpiredForm(HttpServletRequest request, HttpServletResponse response, boolean signedIn)
			throws IOException {
		String detail = signedIn ? EXPIRED_SIGNED_IN : EXPIRED_SIGNED_OUT;
		if (wantsPage(request)) {
			writePage(request, response, HttpStatus.FORBIDDEN, detail, EXPIRED_HEADING, !signedIn);
		}
		else {
			writeProblem(response, HttpStatus.FORBIDDEN, EXPIRED_HEADING + ". " + detail);
		}
	}

	/**
	 * The error page ({@code templates/error.html}) with the menu of every page; should the template fail, a plain
	 * page with the same words. On a server error the menu names nobody: that would ask the database, which may be
	 * the very thing that failed.
	 */
	void writePage(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
			throws IOException {
		writePage(request, response, status, detail, null, false);
	}

	private void writePage(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail,
			String heading, boolean signIn) throws IOException {
		String page;
		try {
			if (status.is5xxServerError()) {
				request.setAttribute(Navigation.NO_LOOKUPS, Boolean.TRUE);
			}
			Map<String, Object> variables = new HashMap<>();
			variables.put("status", status.value());
			variables.put("detail", detail);
			variables.put("heading", heading);
			variables.put("signIn", signIn);
			// outside Spring MVC the menu's bean references ({@code @navigation}) need the context given
			variables.put(ThymeleafEvaluationContext.THYMELEAF_EVALUATION_CONTEXT_CONTEXT_VARIABLE_NAME,
					new ThymeleafEvaluationContext(context, null));
			var exchange = JakartaServletWebApplication.buildApplication(request.getServletContext())
				.buildExchange(request, response);
			page = templates.process("error", new WebContext(exchange, Locale.ENGLISH, variables));
		}
		catch (RuntimeException ex) {
			log.warn("The error page could not be rendered ({}); answering with the plain one", ex.getClass().getName());
			page = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>"
					+ status.getReasonPhrase() + "</title><link rel=\"stylesheet\" href=\"/css/pledge.css\"></head>"
					+ "<body><main class=\"card\"><h1>" + status.getReasonPhrase() + "</h1><p>"
					+ HtmlUtils.htmlEscape(detail == null ? "" : detail) + "</p><p><a href=\"/\">Back to the start page</a></p></main></body></html>";
		}
		response.setStatus(status.value());
		response.setCharacterEncoding("UTF-8");
		response.setContentType("text/html");
		response.getWriter().write(page);
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
