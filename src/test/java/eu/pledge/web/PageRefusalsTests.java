package eu.pledge.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.ModelAndView;

import eu.pledge.shared.Rejected;

/** Which handler gets the refusal page, and where its link back leads; the pages themselves: each module's tests. */
class PageRefusalsTests {

	static class Pages {
		String page() {
			return "page";
		}

		@ResponseBody
		String json() {
			return "{}";
		}
	}

	@RestController
	static class Api {
		String json() {
			return "{}";
		}
	}

	@Test
	void aPageGetsTheOnePageWithStatusMessageAndTheSectionsLinkBack() throws Exception {
		ModelAndView page = PageRefusals.page(new MockHttpServletRequest("GET", "/admin/contact/42"),
				handler(new Pages(), "page"), new Rejected(HttpStatus.NOT_FOUND, "There is no such message."));
		assertThat(page.getViewName()).isEqualTo("refused");
		assertThat(page.getStatus()).isEqualTo(HttpStatus.NOT_FOUND);
		assertThat(page.getModel()).containsEntry("error", "There is no such message.")
				.containsEntry("heading", "Not available").containsEntry("backHref", "/admin/contact");
	}

	@Test
	void aPageOutsideTheListedSectionsLinksToTheStartPage() throws Exception {
		ModelAndView page = PageRefusals.page(new MockHttpServletRequest("POST", "/admin/contactless"),
				handler(new Pages(), "page"), Rejected.badRequest("name", "Enter a name."));
		assertThat(page.getStatus()).isEqualTo(HttpStatus.BAD_REQUEST);
		assertThat(page.getModel()).containsEntry("heading", "This could not be done").containsEntry("backHref", "/");
	}

	@Test
	void aHandlerThatAnswersWithABodyIsNoPage() throws Exception {
		Rejected refusal = new Rejected(HttpStatus.NOT_FOUND, "There is nothing here.");
		MockHttpServletRequest request = new MockHttpServletRequest("GET", "/admin/compliance.json");
		assertThat(PageRefusals.page(request, handler(new Pages(), "json"), refusal)).isNull();
		assertThat(PageRefusals.page(request, handler(new Api(), "json"), refusal)).isNull();
	}

	private static HandlerMethod handler(Object bean, String method) throws NoSuchMethodException {
		return new HandlerMethod(bean, bean.getClass().getDeclaredMethod(method));
	}
}
