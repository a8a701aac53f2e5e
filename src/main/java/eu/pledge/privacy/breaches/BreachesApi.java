package eu.pledge.privacy.breaches;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.shared.AccountId;

/** The administrators' API of breach records (docs/PRIVACY-BREACHES.md). */
@RestController
@RequestMapping(path = "/api/v1/admin/breaches", produces = "application/json")
class BreachesApi {

	private final Breaches breaches;
	private final BreachNotices notices;
	private final BreachTexts texts;

	BreachesApi(Breaches breaches, BreachNotices notices, BreachTexts texts) {
		this.breaches = breaches;
		this.notices = notices;
		this.texts = texts;
	}

	/** The Art. 33 notification's text, to send to the supervisory authority. */
	record AuthorityNotification(String text) {
	}

	@GetMapping
	List<Breach> list() {
		return breaches.list();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	Breach record(Authentication authentication, @RequestBody BreachForm body) {
		return breaches.record(AccountId.from(authentication), body);
	}

	@GetMapping("/{id}")
	Breach find(@PathVariable String id) {
		return breaches.find(id);
	}

	@PatchMapping("/{id}")
	Breach update(Authentication authentication, @PathVariable String id, @RequestBody BreachForm body) {
		return breaches.update(AccountId.from(authentication), id, body);
	}

	@GetMapping("/{id}/authority-notification")
	AuthorityNotification authorityNotification(@PathVariable String id) {
		return new AuthorityNotification(texts.authority(breaches.find(id)));
	}

	@PostMapping("/{id}/notifications")
	BreachNotices.Outcome notifyPeople(Authentication authentication, @PathVariable String id,
			@RequestBody Audience body) {
		return notices.notifyPeople(AccountId.from(authentication), id, body);
	}

	@GetMapping("/{id}/notifications")
	List<BreachNotices.Told> told(@PathVariable String id) {
		return notices.told(id);
	}
}
