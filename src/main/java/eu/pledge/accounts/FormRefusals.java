package eu.pledge.accounts;

import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.validation.BeanPropertyBindingResult;
import org.springframework.validation.BindingResult;
import org.springframework.validation.FieldError;

import eu.pledge.shared.Rejected;

/**
 * How the account pages answer a form they cannot accept: the same page again, the message beside the field
 * the facade named (or at the top when the form has no such field), and a 4xx status. A refused form is the
 * person's to fix; letting {@link Rejected} escape would turn it into an error page.
 */
final class FormRefusals {

	private FormRefusals() {
	}

	/** Bean Validation found problems; they are already on {@code result}. */
	static String invalid(BindingResult result, Model model, HttpServletResponse response, String view) {
		inPageOrder(result, model);
		response.setStatus(HttpStatus.BAD_REQUEST.value());
		return view;
	}

	/** A facade refused the input. */
	static String refused(Rejected ex, BindingResult result, Model model, HttpServletResponse response, String view) {
		if (ex.field() != null && result.getFieldType(ex.field()) != null) {
			result.rejectValue(ex.field(), "rejected", ex.getMessage());
		}
		else {
			result.reject("rejected", ex.getMessage());
		}
		inPageOrder(result, model);
		response.setStatus(ex.status().is4xxClientError() ? ex.status().value() : HttpStatus.BAD_REQUEST.value());
		return view;
	}

	/**
	 * Bean Validation reports in no particular order; the error summary should read top to bottom like the
	 * form (fields in the order of the form record's components), so the model gets a sorted copy.
	 */
	private static void inPageOrder(BindingResult result, Model model) {
		Object form = result.getTarget();
		if (form == null || !form.getClass().isRecord()) {
			return;
		}
		List<String> fields = Arrays.stream(form.getClass().getRecordComponents()).map(RecordComponent::getName).toList();
		BindingResult sorted = new BeanPropertyBindingResult(form, result.getObjectName());
		result.getGlobalErrors().forEach(sorted::addError);
		result.getFieldErrors().stream()
				.sorted(Comparator.comparingInt((FieldError error) -> fields.indexOf(error.getField().split("[.\\[]")[0])))
				.forEach(sorted::addError);
		model.addAttribute(BindingResult.MODEL_KEY_PREFIX + result.getObjectName(), sorted);
	}
}
