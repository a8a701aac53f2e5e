package eu.pledge.web;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

import eu.pledge.shared.Rejected;

/**
 * A refusal no form can show beside its fields (403, 404 for what the person may not know exists, an account
 * erased meanwhile), from any page of any module: one page, {@code templates/refused.html}, with the refusal's
 * status and message and a link back to the section it came from. A page that can show a refusal beside a
 * form catches {@link Rejected} itself. The JSON API never gets here: {@link ApiProblems}, a controller advice,
 * answers it before {@link PageErrors} asks this; a JSON method of a page controller keeps the error page.
 */
final class PageRefusals {

	/** Where the link back leads from a section of pages: the first whose path prefix the request's has. */
	private record Back(String prefix, String href, String label) {

		boolean covers(String path) {
			return path.equals(prefix) || path.startsWith(prefix + "/");
		}
	}

	private static final List<Back> BACKS = List.of(new Back("/admin/errors", "/admin/errors", "All issues"),
			new Back("/admin/contact", "/admin/contact", "All messages"),
			new Back("/admin/requests", "/admin/requests", "All requests"),
			new Back("/admin/breaches", "/admin/breaches", "All breaches"),
			new Back("/admin/organizations", "/account/access", "Your access"),
			new Back("/admin/contracts", "/account/access", "Your access"),
			new Back("/organizations", "/account/access", "Your access"),
			new Back("/invitations", "/account/access", "Your access"),
			new Back("/account/access", "/account/access", "Your access"));

	private static final Back START = new Back("/", "/", "Back to the start page");

	private PageRefusals() {
	}

	/** The refusal page, or null when the handler answers with a body of its own (JSON) rather than a page. */
	static ModelAndView page(HttpServletRequest request, Object handler, Rejected rejected) {
		if (handler instanceof HandlerMethod method && (method.hasMethodAnnotation(ResponseBody.class)
				|| AnnotatedElementUtils.hasAnnotation(method.getBeanType(), ResponseBody.class))) {
			return null;
		}
		int status = rejected.status().value();
		String path = request.getRequestURI().substring(request.getContextPath().length());
		Back back = BACKS.stream().filter(section -> section.covers(path)).findFirst().orElse(START);
		return new ModelAndView("refused", Map.of("error", rejected.getMessage(),
				"heading", status == 403 || status == 404 ? "Not available" : "This could not be done",
				"backHref", back.href(), "backLabel", back.label()), rejected.status());
	}
}
