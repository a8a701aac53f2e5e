package eu.pledge.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

import eu.pledge.shared.Rejected;

/**
 * The last word on an exception no controller advice handled (pages; the API has {@link ApiProblems}): a
 * refusal is shown as such ({@link PageRefusals}); anything else is logged at ERROR once, with the exception,
 * on the request's thread, so the error tracker captures it with its request context, and the person gets the
 * error page. Left to the servlet container it would be logged after
 * the request context is gone. Security exceptions pass through to the security filters, and a database out of
 * reach to {@link FailureFilter}, which answers it alike wherever it surfaces (503).
 */
@Configuration(proxyBeanMethods = false)
class PageErrors implements WebMvcConfigurer {

	private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

	@Override
	public void extendHandlerExceptionResolvers(List<HandlerExceptionResolver> resolvers) {
		resolvers.add(PageErrors::resolve);
	}

	private static ModelAndView resolve(HttpServletRequest request, HttpServletResponse response, Object handler,
			Exception ex) {
		if (ex instanceof AccessDeniedException || ex instanceof AuthenticationException || response.isCommitted()
				|| Failures.databaseUnreachable(ex) || Failures.contended(ex)) {
			return null;
		}
		if (ex instanceof Rejected rejected) {
			ModelAndView refused = PageRefusals.page(request, handler, rejected);
			if (refused != null) {
				return refused;
			}
		}
		HttpStatus status = Failures.statusOf(ex);
		if (status.is5xxServerError()) {
			log.error("Unhandled exception on a page", ex);
		}
		return new ModelAndView("error", Map.of("status", status.value()), status);
	}
}
