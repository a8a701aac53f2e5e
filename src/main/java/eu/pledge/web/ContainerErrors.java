package eu.pledge.web;

import java.io.IOException;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The servlet container's error dispatch ({@code /error}): what code answered with {@code sendError} (the
 * security firewall's 400, a missing static file's 404) or an exception outside {@link FailureFilter}. It
 * replaces Spring Boot's {@code BasicErrorController}, whose default JSON had neither the problem format nor
 * anything Pledge adds, with the same answer {@link ErrorResponses} gives everywhere else.
 */
@Controller
class ContainerErrors implements ErrorController {

	private final ErrorResponses responses;

	ContainerErrors(ErrorResponses responses) {
		this.responses = responses;
	}

	@RequestMapping("/error")
	void error(HttpServletRequest request, HttpServletResponse response) throws IOException {
		responses.write(request, response, statusOf(request));
	}

	private static HttpStatus statusOf(HttpServletRequest request) {
		if (request.getAttribute(RequestDispatcher.ERROR_EXCEPTION) instanceof Throwable failure) {
			return Failures.statusOf(failure);
		}
		HttpStatus status = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE) instanceof Integer code
				? HttpStatus.resolve(code) : null;
		return status != null && status.isError() ? status : HttpStatus.INTERNAL_SERVER_ERROR;
	}
}
