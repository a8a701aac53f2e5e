package eu.pledge.contact;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ProblemDetail;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.protection.Questions;

/** The contact form's JSON API: a question, then the message with its answer (docs/CONTACT.md). */
@RestController
@RequestMapping(path = "/api/v1/contact", produces = "application/json")
class ContactApi {

	private final ContactMessages contact;

	ContactApi(ContactMessages contact) {
		this.contact = contact;
	}

	record ChallengeBody(String question, String token) {
	}

	record MessageBody(String name, String email, String message, String challenge, String answer, String website) {

		ContactMessages.Submission submission() {
			return new ContactMessages.Submission(name, email, message, challenge, answer, website);
		}

		@Override
		public String toString() {
			return "MessageBody[redacted]";
		}
	}

	/** As every 429 of the API: the problem, and {@code Retry-After} in seconds. */
	@ExceptionHandler(TooManyMessages.class)
	ResponseEntity<ProblemDetail> tooMany(TooManyMessages ex) {
		return ResponseEntity.status(ex.status()).header(HttpHeaders.RETRY_AFTER,
				Long.toString(Math.max(1, ex.retryAfter().toSeconds())))
				.body(ProblemDetail.forStatusAndDetail(ex.status(), ex.getMessage()));
	}

	@GetMapping("/challenge")
	ResponseEntity<ChallengeBody> challenge() {
		Questions.Question challenge = contact.challenge();
		return ResponseEntity.ok().cacheControl(CacheControl.noStore())
				.body(new ChallengeBody(challenge.question(), challenge.token()));
	}

	/** 202 for a stored message and for a dropped robot's alike: the honeypot must not be seen to work. */
	@PostMapping
	ResponseEntity<Map<String, String>> send(Authentication authentication, HttpServletRequest request,
			@RequestBody MessageBody body) {
		contact.submit(body.submission(), request.getRemoteAddr(), ContactMessages.accountOf(authentication).orElse(null));
		return ResponseEntity.status(HttpStatus.ACCEPTED)
				.body(Map.of("status", "received", "message", "Thank you. Your message has reached us."));
	}
}
