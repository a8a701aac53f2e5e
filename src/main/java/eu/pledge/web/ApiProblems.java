package eu.pledge.web;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.tomcat.util.http.InvalidParameterException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

import eu.pledge.shared.ProblemResponses;
import eu.pledge.shared.Rejected;

/**
 * RFC 9457 problem details for every API refusal, in the one shape servlet filters write too ({@link
 * ProblemResponses}). Validation errors name each field; unreadable or oversized bodies are 400/413; anything
 * unexpected is a 500 without a stack trace (and a bug to fix).
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiProblems extends ResponseEntityExceptionHandler {

	private static final Logger log = LoggerFactory.getLogger(ApiProblems.class);

	@ExceptionHandler(Rejected.class)
	ResponseEntity<ProblemDetail> rejected(Rejected ex) {
		ProblemDetail problem = ProblemResponses.problem(ex);
		ResponseEntity.BodyBuilder answer = ResponseEntity.status(ex.status());
		if (ex.retryAfterSeconds() > 0) {
			answer.header(HttpHeaders.RETRY_AFTER, Long.toString(ex.retryAfterSeconds()));
		}
		return answer.body(problem);
	}

	@ExceptionHandler(RequestSizeFilter.BodyTooLargeException.class)
	ProblemDetail tooLarge() {
		return ProblemDetail.forStatusAndDetail(HttpStatus.CONTENT_TOO_LARGE, "The request body is too large.");
	}

	/**
	 * A value Spring or a parser could not take. Logged at WARN with the line that threw it (never its message,
	 * which may quote the value), so that one thrown by Pledge's own code by mistake does not pass unseen.
	 */
	@ExceptionHandler(IllegalArgumentException.class)
	ProblemDetail illegalArgument(IllegalArgumentException ex) {
		StackTraceElement[] trace = ex.getStackTrace();
		log.warn("Refused with 400: IllegalArgumentException at {}", trace.length > 0 ? trace[0] : "an unknown line");
		return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, "The request contains an invalid value.");
	}

	/**
	 * A query or form value that is no UTF-8 ({@code %ED%A0%80}, half a surrogate pair): Tomcat gives up on the
	 * parameter when Spring asks for it. Its message quotes the name it could decode, never the value.
	 */
	@ExceptionHandler(InvalidParameterException.class)
	ProblemDetail undecodableParameter(InvalidParameterException ex) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"A parameter of the request is not readable text.");
		Matcher name = PARAMETER_NAME.matcher(String.valueOf(ex.getMessage()));
		if (name.find()) {
			problem.setProperty("errors", List.of(Map.of("field", name.group(1), "message", "is not readable text")));
		}
		return problem;
	}

	private static final Pattern PARAMETER_NAME = Pattern.compile("Parameter \\[([A-Za-z][A-Za-z0-9_.-]{0,50})\\]");

	@Override
	protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"Some fields are missing or invalid.");
		problem.setProperty("errors", ex.getBindingResult().getFieldErrors().stream()
				.map(error -> Map.of("field", error.getField(), "message", String.valueOf(error.getDefaultMessage())))
				.toList());
		return ResponseEntity.badRequest().body(problem);
	}

	@Override
	protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
			HttpHeaders headers, HttpStatusCode status, WebRequest request) {
		if (ex.getCause() instanceof RequestSizeFilter.BodyTooLargeException) {
			return ResponseEntity.status(HttpStatus.CONTENT_TOO_LARGE).body(tooLarge());
		}
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
				"The request body is not valid JSON of the expected shape.");
		UnreadableJson.field(ex).ifPresent(field -> problem.setProperty("errors", List.of(field)));
		return ResponseEntity.badRequest().body(problem);
	}

	/**
	 * A database out of reach and a row another request holds are rethrown: {@link FailureFilter} answers them
	 * alike wherever they surface (503, 409).
	 */
	@ExceptionHandler(Exception.class)
	ProblemDetail unexpected(Exception ex) throws Exception {
		if (Failures.databaseUnreachable(ex) || Failures.contended(ex)) {
			throw ex;
		}
		log.error("Unhandled exception in API call", ex);
		return ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR, Failures.UNEXPECTED);
	}
}
