package eu.pledge.shared;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

import tools.jackson.databind.ObjectMapper;

/**
 * The one shape of a refusal as JSON: Spring's {@link ProblemDetail} (RFC 9457: {@code type}, {@code title},
 * {@code status}, {@code detail}, {@code instance}; properties such as {@code errors} at the top level).
 * Controllers return it and Spring MVC writes it; servlet filters, which answer before Spring MVC, write it
 * here with the application's JSON mapper, which serialises it the way Spring MVC does. Never concatenate
 * problem JSON by hand: a detail may hold quotes or backslashes.
 */
@Component
public class ProblemResponses {

	private final ObjectMapper json;

	ProblemResponses(ObjectMapper json) {
		this.json = json;
	}

	/** A refusal; the field at fault, when there is one, is named in {@code errors} with the same message. */
	public static ProblemDetail problem(HttpStatus status, String detail, String field) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
		if (field != null) {
			problem.setProperty("errors", List.of(Map.of("field", field, "message", detail)));
		}
		return problem;
	}

	public static ProblemDetail problem(Rejected rejected) {
		return problem(rejected.status(), rejected.getMessage(), rejected.field());
	}

	/**
	 * The path a problem is about, as {@code instance}: the request's path as sent, or quoted where a client sent
	 * characters a URI may not hold (the refusal must not fail on them).
	 */
	public static URI instance(String path) {
		try {
			return new URI(path);
		}
		catch (URISyntaxException ex) {
			try {
				return new URI(null, null, path, null);
			}
			catch (URISyntaxException stillNot) {
				return null;
			}
		}
	}

	/** The problem as the body of a response: UTF-8 JSON. */
	public byte[] body(ProblemDetail problem) {
		return json.writeValueAsBytes(problem);
	}

	/** Answers with the problem: its status, {@code application/problem+json} and the body. */
	public void write(HttpServletResponse response, ProblemDetail problem) throws IOException {
		byte[] body = body(problem);
		response.setStatus(problem.getStatus());
		response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
		response.setContentLength(body.length);
		response.getOutputStream().write(body);
	}
}
