package eu.pledge.audit;

import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.shared.AccountId;

/** The audit trail's JSON API. {@code /api/v1/admin/**} is for administrators only (web security). */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class AuditApi {

	private final AuditSearch search;
	private final ChainVerification verification;

	AuditApi(AuditSearch search, ChainVerification verification) {
		this.search = search;
		this.verification = verification;
	}

	@GetMapping("/admin/audit")
	AuditSearch.Page search(@RequestParam(required = false) String actor, @RequestParam(required = false) String action,
			@RequestParam(required = false) String targetType, @RequestParam(required = false) String targetId,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String size) {
		return search.search(AuditCriteria.parse(actor, action, targetType, targetId, outcome, from, to, cursor, size));
	}

	/** The events whose actor is the person, or whose target is their account. */
	@GetMapping("/me/audit")
	AuditSearch.Page mine(Authentication authentication, @RequestParam(required = false) String action,
			@RequestParam(required = false) String outcome, @RequestParam(required = false) String from,
			@RequestParam(required = false) String to, @RequestParam(required = false) String cursor,
			@RequestParam(required = false) String size) {
		return search.search(AuditCriteria.parse(null, action, null, null, outcome, from, to, cursor, size)
				.involving(AccountId.from(authentication)));
	}

	@PostMapping("/admin/audit/verification")
	Verification verify() {
		return verification.verify();
	}
}
