package eu.pledge.sessions;

import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.ProblemResponses;

/** Signing in and out through the JSON API, and the person's session list. */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class SessionsApi {

	static final String FAILED = "The email or password is not correct, or the email address is not confirmed yet.";

	private final SignIn signIn;
	private final SignOut signOut;
	private final SessionList sessions;

	SessionsApi(SignIn signIn, SignOut signOut, SessionList sessions) {
		this.signIn = signIn;
		this.signOut = signOut;
		this.sessions = sessions;
	}

	record Credentials(@NotNull(message = "Enter your email address.") @Size(max = 320) String email,
			@NotNull(message = "Enter your password.") @Size(max = 4096) String password, @Size(max = 64) String totp,
			@Size(max = 100) String challenge, @Size(max = 16) String answer) {
		@Override
		public String toString() {
			return "Credentials[redacted]";
		}
	}

	@PostMapping("/session")
	ResponseEntity<?> signIn(@Valid @RequestBody Credentials credentials, HttpServletRequest request,
			HttpServletResponse response) {
		SignIn.Outcome outcome = signIn.withPassword(request, response, credentials.email(), credentials.password(),
				credentials.totp(), credentials.challenge(), credentials.answer());
		return switch (outcome.kind()) {
			case CHALLENGED -> {
				// The field at fault, the question to answer and its token to send back with the answer.
				ProblemDetail problem = ProblemResponses.problem(HttpStatus.BAD_REQUEST, outcome.message(), "answer");
				problem.setProperty("question", outcome.question().question());
				problem.setProperty("challenge", outcome.question().token());
				yield ResponseEntity.badRequest().body(problem);
			}
			case SIGNED_IN -> ResponseEntity.ok(Map.of("status", "signed-in"));
			case SECOND_FACTOR_REQUIRED -> {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
						"Enter the code from your authenticator app (field totp), or a recovery code.");
				problem.setProperty("secondFactorRequired", true);
				yield ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
			}
			case MAILED_CODE_REQUIRED -> {
				ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED,
						"For your security this sign-in needs a second step: enter the code we mailed you (field totp).");
				problem.setProperty("secondFactorRequired", true);
				problem.setProperty("mailedCode", true);
				yield ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(problem);
			}
			case REFUSED -> ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS)
					.header(HttpHeaders.RETRY_AFTER, Long.toString(outcome.retryAfterSeconds()))
					.body(ProblemDetail.forStatusAndDetail(HttpStatus.TOO_MANY_REQUESTS,
							"Too many failed attempts. Please wait " + outcome.retryAfterSeconds()
									+ " seconds before trying again."));
			case PASSKEY_ONLY -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ProblemDetail.forStatusAndDetail(
					HttpStatus.UNAUTHORIZED, LoginPages.PASSKEY_ONLY));
			// FAILED, with the reason when the person can act on it (the app's code just used: wait for the next)
			default -> ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(ProblemDetail.forStatusAndDetail(
					HttpStatus.UNAUTHORIZED, outcome.message() != null ? outcome.message() : FAILED));
		};
	}

	@DeleteMapping("/session")
	ResponseEntity<Void> signOut(HttpServletRequest request, HttpServletResponse response) {
		signOut.signOut(request, response);
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/me/sessions")
	List<SessionList.Entry> sessions(Authentication authentication, HttpServletRequest request) {
		return sessions.of(AccountId.from(authentication), currentSessionId(request));
	}

	@DeleteMapping("/me/sessions/{id}")
	ResponseEntity<Void> end(Authentication authentication, @PathVariable String id) {
		if (id.length() > 64 || !sessions.end(AccountId.from(authentication), id, SessionEnded.Reason.REVOKED)) {
			return ResponseEntity.notFound().build();
		}
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/me/sessions")
	Map<String, Integer> endOthers(Authentication authentication, HttpServletRequest request) {
		return Map.of("ended", sessions.endAllExcept(AccountId.from(authentication), currentSessionId(request),
				SessionEnded.Reason.REVOKED));
	}

	static String currentSessionId(HttpServletRequest request) {
		HttpSession session = request.getSession(false);
		return session == null ? null : session.getId();
	}
}
