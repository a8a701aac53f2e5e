package eu.pledge.sessions;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

import eu.pledge.accounts.Passkeys;
import eu.pledge.accounts.Preferences;
import eu.pledge.protection.RateLimits;
import eu.pledge.shared.AccountId;

/** The sign-in form, the second-factor step and signing out, for browsers. */
@Controller
class LoginPages {

	static final String PASSKEY_ONLY = "This account signs in with a passkey only: use \u201cSign in with a passkey\u201d. "
			+ "Lost your passkeys? Reset your password by mail to turn the password back on.";
	static final String PASSKEY_FAILED = "That passkey did not sign you in. Try again, or sign in with your email and password.";

	private final SignIn signIn;
	private final SignOut signOut;
	private final Preferences preferences;
	private final SignInContinuation continuation;
	private final Passkeys passkeys;
	/**
	 * Challenges for a sign-in without email are handed to anyone and each is a row until it expires: at most
	 * this many a minute per address and node, far above a person pressing the button.
	 */
	private final RateLimits.Bucket passkeyChallenges;
	private final RateLimits rateLimits;

	LoginPages(SignIn signIn, SignOut signOut, Preferences preferences, SignInContinuation continuation,
			Passkeys passkeys, RateLimits rateLimits) {
		this.passkeys = passkeys;
		this.rateLimits = rateLimits;
		this.passkeyChallenges = rateLimits.bucket(new RateLimits.Bucket("passkey-challenges", RateLimits.Scope.NODE,
				RateLimits.Keys.ADDRESS, 30, java.time.Duration.ofMinutes(1), false));
		this.signIn = signIn;
		this.signOut = signOut;
		this.preferences = preferences;
		this.continuation = continuation;
	}

	record LoginForm(String email, String password, String challenge, String answer) {
		@Override
		public String toString() {
			return "LoginForm[redacted]";
		}
	}

	/**
	 * The sign-in form. {@code continue} is the page a signed-out browser asked for (the web edge sends it here
	 * with it): signing in leads back there. Only a path of Pledge itself is kept ({@link SignInContinuation}).
	 */
	@GetMapping("/login")
	String loginForm(Authentication authentication, @RequestParam(name = "continue", required = false) String next,
			HttpServletRequest request, Model model) {
		boolean ownPath = SignInContinuation.isOwnPath(next);
		if (ownPath) {
			continuation.remember(request, next);
		}
		if (signedIn(authentication)) {
			// through the continuation page, never "redirect:" + the path: a redirect view would read "{…}" in it
			// as a template variable and fail
			return ownPath ? "redirect:/login/continue" : "redirect:/";
		}
		// The address a person just set up, confirmed or reset the password of, as a flash attribute: in the
		// session for this one page, never in the address bar (or the server log's request line).
		Object known = model.getAttribute(eu.pledge.accounts.Accounts.SIGN_IN_EMAIL);
		model.addAttribute("email", known instanceof String email ? email : "");
		model.addAttribute("question", signIn.question());
		return "sessions/login";
	}

	@PostMapping("/login")
	String login(LoginForm form, HttpServletRequest request, HttpServletResponse response, Model model) {
		SignIn.Outcome outcome = signIn.withPassword(request, response, form.email(), form.password(), null,
				form.challenge(), form.answer());
		return switch (outcome.kind()) {
			case SIGNED_IN -> afterSignIn(request);
			case SECOND_FACTOR_REQUIRED, MAILED_CODE_REQUIRED -> "redirect:/login/second-factor";
			case PASSKEY_ONLY -> {
				response.setStatus(401);
				model.addAttribute("email", form.email() == null ? "" : form.email());
				model.addAttribute("question", signIn.question());
				model.addAttribute("error", PASSKEY_ONLY);
				yield "sessions/login";
			}
			case CHALLENGED -> {
				response.setStatus(400);
				model.addAttribute("email", form.email() == null ? "" : form.email());
				model.addAttribute("error", outcome.message());
				model.addAttribute("question", outcome.question());
				yield "sessions/login";
			}
			default -> {
				model.addAttribute("email", form.email() == null ? "" : form.email());
				model.addAttribute("question", signIn.question());
				yield refuse(outcome, response, model, "sessions/login");
			}
		};
	}

	/** Options for a sign-in with a passkey alone, fetched by {@code passkeys.js}. */
	@PostMapping(path = "/login/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> passkeyOptions(HttpServletRequest request) {
		RateLimits.Decision decision = rateLimits.take(passkeyChallenges, request.getRemoteAddr());
		if (!decision.allowed()) {
			return ResponseEntity.status(429).header("Retry-After", Long.toString(decision.retryAfterSeconds()))
					.contentType(MediaType.APPLICATION_JSON).body("{\"detail\":\"Too many passkey sign-ins from your "
							+ "address. Please wait " + decision.retryAfterSeconds() + " seconds.\"}");
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
				.body(passkeys.signInOptions());
	}

	@PostMapping("/login/passkey")
	String passkey(String credential, HttpServletRequest request, HttpServletResponse response, Model model) {
		SignIn.Outcome outcome = signIn.withPasskey(request, response, credential);
		if (outcome.kind() == SignIn.Outcome.Kind.SIGNED_IN) {
			return afterSignIn(request);
		}
		model.addAttribute("email", "");
		model.addAttribute("question", signIn.question());
		refuse(outcome, response, model, "sessions/login");
		if (outcome.kind() != SignIn.Outcome.Kind.REFUSED) {
			model.addAttribute("error", PASSKEY_FAILED);
		}
		return "sessions/login";
	}

	@PostMapping(path = "/login/second-factor/passkey/options", produces = MediaType.APPLICATION_JSON_VALUE)
	ResponseEntity<String> secondFactorPasskeyOptions(HttpServletRequest request) {
		String options = signIn.passkeySecondFactorOptions(request);
		if (options == null) {
			return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_JSON)
					.body("{\"detail\":\"Please sign in with your email and password first.\"}");
		}
		return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).cacheControl(CacheControl.noStore())
				.body(options);
	}

	@PostMapping("/login/second-factor/passkey")
	String secondFactorPasskey(String credential, HttpServletRequest request, HttpServletResponse response,
			Model model, RedirectAttributes redirect) {
		secondFactorModel(request, model);
		SignIn.Outcome outcome = signIn.withPasskeySecondFactor(request, response, credential);
		return switch (outcome.kind()) {
			case SIGNED_IN -> afterSignIn(request);
			case EXPIRED -> {
				redirect.addFlashAttribute("error", "That took too long. Please sign in again.");
				yield "redirect:/login";
			}
			default -> {
				refuse(outcome, response, model, "sessions/second-factor");
				if (outcome.kind() != SignIn.Outcome.Kind.REFUSED) {
					model.addAttribute("error", "That passkey did not confirm this sign-in. Try again with a passkey "
							+ "of this account.");
				}
				yield "sessions/second-factor";
			}
		};
	}

	@GetMapping("/login/second-factor")
	String secondFactorForm(HttpServletRequest request, RedirectAttributes redirect, Model model) {
		if (!signIn.secondFactorPending(request)) {
			redirect.addFlashAttribute("error", "Please sign in with your email and password first.");
			return "redirect:/login";
		}
		secondFactorModel(request, model);
		return "sessions/second-factor";
	}

	/** What the second step offers: the mailed code (a step-up), or the authenticator's code and/or a passkey. */
	private void secondFactorModel(HttpServletRequest request, Model model) {
		boolean mailed = signIn.mailedCodePending(request);
		java.util.Set<Passkeys.Method> methods = signIn.pendingMethods(request);
		model.addAttribute("mailedCode", mailed);
		model.addAttribute("passkey", !mailed && methods.contains(Passkeys.Method.PASSKEY));
		model.addAttribute("totp", mailed || methods.contains(Passkeys.Method.TOTP));
	}

	@PostMapping("/login/second-factor")
	String secondFactor(String code, HttpServletRequest request, HttpServletResponse response, Model model,
			RedirectAttributes redirect) {
		secondFactorModel(request, model);
		SignIn.Outcome outcome = signIn.withSecondFactor(request, response, code);
		return switch (outcome.kind()) {
			case SIGNED_IN -> afterSignIn(request);
			case EXPIRED -> {
				redirect.addFlashAttribute("error", "That took too long. Please sign in again.");
				yield "redirect:/login";
			}
			default -> refuse(outcome, response, model, "sessions/second-factor");
		};
	}

	/**
	 * Where a browser that signed in on its way elsewhere (a system signing in through Pledge) continues. A page
	 * that moves on by itself, not a redirect: the sign-in form's own rule ({@code form-action 'self'}) would
	 * otherwise stop the authorization server's redirect to the system, which ends the same navigation.
	 */
	@GetMapping("/login/continue")
	String continueAfterSignIn(Authentication authentication, HttpServletRequest request, Model model) {
		if (!signedIn(authentication)) {
			return "redirect:/login";
		}
		var next = continuation.take(request);
		if (next.isEmpty()) {
			return "redirect:" + home();
		}
		model.addAttribute("next", next.get());
		return "sessions/continue";
	}

	@PostMapping("/logout")
	String logout(HttpServletRequest request, HttpServletResponse response, RedirectAttributes redirect) {
		signOut.signOut(request, response);
		redirect.addFlashAttribute("notice", "You are signed out.");
		return "redirect:/login";
	}

	private String refuse(SignIn.Outcome outcome, HttpServletResponse response, Model model, String view) {
		if (outcome.kind() == SignIn.Outcome.Kind.REFUSED) {
			response.setStatus(429);
			response.setHeader("Retry-After", Long.toString(outcome.retryAfterSeconds()));
			model.addAttribute("error", "Too many failed attempts. Please wait " + outcome.retryAfterSeconds()
					+ " seconds before trying again.");
		}
		else {
			response.setStatus(401);
			model.addAttribute("error", outcome.message() != null ? outcome.message() : view.endsWith("second-factor")
					? Boolean.TRUE.equals(model.getAttribute("mailedCode"))
							? "This code is not correct. Use the code in the newest mail we sent you."
							: "This code is not correct. Use the current code from your app, or a recovery code."
					: SessionsApi.FAILED);
		}
		return view;
	}

	private String afterSignIn(HttpServletRequest request) {
		return continuation.pending(request) ? "redirect:/login/continue" : "redirect:" + home();
	}

	/** Where the person chose to land; read from the fresh security context. */
	private String home() {
		Authentication authentication = org.springframework.security.core.context.SecurityContextHolder.getContext()
				.getAuthentication();
		return preferences.of(AccountId.from(authentication)).homePage();
	}

	private static boolean signedIn(Authentication authentication) {
		return authentication != null && authentication.isAuthenticated()
				&& !(authentication instanceof AnonymousAuthenticationToken);
	}
}
