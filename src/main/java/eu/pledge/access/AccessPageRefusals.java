package eu.pledge.access;

import java.util.Map;

import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

import eu.pledge.shared.Rejected;

/** A refusal a page cannot show beside a form (403, or 404 for what the person may not know exists). */
@ControllerAdvice(assignableTypes = { AccessPages.class, AdminConsolePages.class })
class AccessPageRefusals {

	@ExceptionHandler(Rejected.class)
	ModelAndView refused(Rejected ex) {
		return new ModelAndView("access/refused", Map.of("error", ex.getMessage()), ex.status());
	}
}
