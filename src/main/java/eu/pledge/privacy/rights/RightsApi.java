package eu.pledge.privacy.rights;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.logout.SecurityContextLogoutHandler;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.privacy.Restriction;
import eu.pledge.privacy.Restrictions;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.ErasedRequests;

/** The data-subject rights through the JSON API: access, portability, erasure, restriction. */
@RestController
@RequestMapping(path = "/api/v1/me", produces = "application/json")
class RightsApi {

	private final PersonalData data;
	private final Erasure erasure;
	private final Restrictions restrictions;
	private final RightsMails mails;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final Objections objections;

	RightsApi(PersonalData data, Erasure erasure, Restrictions restrictions, RightsMails mails,
			ApplicationEventPublisher events, Clock clock, Objections objections) {
		this.objections = objections;
		this.data = data;
		this.erasure = erasure;
		this.restrictions = restrictions;
		this.mails = mails;
		this.events = events;
		this.clock = clock;
	}

	record ErasureRequest(@NotNull(message = "Enter your password.") @Size(max = 4096) String password,
			@Size(max = 64) String code) {
		@Override
		public String toString() {
			return "ErasureRequest[redacted]";
		}
	}

	record RestrictionRequest(@Size(max = 40) String until) {
	}

	record ObjectionRequest(String purpose, String grounds) {
		@Override
		public String toString() {
			return "ObjectionRequest[purpose=" + purpose + ", redacted]";
		}
	}

	@GetMapping("/data")
	DataReport data(Authentication authentication) {
		AccountId account = AccountId.from(authentication);
		DataReport report = data.of(account);
		events.publishEvent(new PersonalDataViewed(account, clock.instant()));
		return report;
	}

	/** Free and immediate: the same document as {@code /data}, as a file to keep. */
	@GetMapping("/export")
	ResponseEntity<DataReport> export(Authentication authentication) {
		AccountId account = AccountId.from(authentication);
		DataReport report = data.of(account);
		events.publishEvent(new PersonalDataExported(account, report.itemCount(), clock.instant()));
		mails.exported(account);
		String file = "pledge-data-" + LocalDate.ofInstant(report.generatedAt(), ZoneOffset.UTC) + ".json";
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON)
				.header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment().filename(file).build().toString())
				.header(HttpHeaders.CACHE_CONTROL, "no-store").body(report);
	}

	@PostMapping("/erasure")
	ResponseEntity<?> erase(Authentication authentication, @Valid @RequestBody ErasureRequest request,
			HttpServletRequest http, HttpServletResponse response) {
		AccountId account = AccountId.from(authentication);
		erasure.reauthenticate(account, request.password(), request.code());
		try {
			erasure.erase(account);
			ErasedRequests.mark(http);
		}
		catch (Erasure.Refused refused) {
			return ResponseEntity.status(HttpStatus.CONFLICT).body(problem(refused));
		}
		new SecurityContextLogoutHandler().logout(http, response, authentication);
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/restriction")
	Restriction restrict(Authentication authentication, @Valid @RequestBody(required = false) RestrictionRequest request) {
		return restrictions.restrict(AccountId.from(authentication),
				RestrictionEnd.parse(request == null ? null : request.until()));
	}

	@DeleteMapping("/restriction")
	ResponseEntity<Void> lift(Authentication authentication) {
		restrictions.lift(AccountId.from(authentication));
		return ResponseEntity.noContent().build();
	}

	/** The purposes the person may object to, and their objections with status and deadline. */
	@GetMapping("/objections")
	Objections.Overview objections(Authentication authentication) {
		return objections.of(AccountId.from(authentication));
	}

	@PostMapping("/objections")
	ResponseEntity<Objections.Objection> object(Authentication authentication,
			@RequestBody(required = false) ObjectionRequest request) {
		Objections.Objection objection = objections.object(AccountId.from(authentication),
				request == null ? null : request.purpose(), request == null ? null : request.grounds());
		return ResponseEntity.status(HttpStatus.CREATED).body(objection);
	}

	static ProblemDetail problem(Erasure.Refused refused) {
		ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
				String.join(" ", refused.objections().stream().map(objection -> objection.message()).toList()));
		problem.setTitle("Your account cannot be erased yet");
		problem.setProperty("objections", refused.objections().stream()
				.map(objection -> Map.of("code", objection.code(), "message", objection.message(), "subjects",
						objection.subjects()))
				.toList());
		List<String> organizations = refused.objections().stream()
				.filter(objection -> objection.code().equals("last-owner"))
				.flatMap(objection -> objection.subjects().stream()).toList();
		if (!organizations.isEmpty()) {
			problem.setProperty("organizations", organizations);
		}
		return problem;
	}
}
