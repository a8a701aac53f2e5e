package eu.pledge.accounts;

import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Storable;
import io.swagger.v3.oas.annotations.media.Schema;

/** The accounts JSON API: registration, verification, own profile, email, password, reset, TOTP, preferences. */
@RestController
@RequestMapping(path = "/api/v1", produces = "application/json")
class AccountsApi {

	private final Accounts accounts;
	private final Credentials credentials;
	private final Preferences preferences;

	AccountsApi(Accounts accounts, Credentials credentials, Preferences preferences) {
		this.accounts = accounts;
		this.credentials = credentials;
		this.preferences = preferences;
	}

	@PostMapping("/accounts")
	@ResponseStatus(HttpStatus.CREATED)
	Map<String, String> register(@Valid @RequestBody Registration registration) {
		accounts.register(registration);
		return Map.of("status", "verification-mailed", "message",
				"Check your mailbox: we sent a link to confirm your email address.");
	}

	record TokenRequest(@NotBlank(message = "The token from the link is missing.") @Size(max = 200) String token) {
		@Override
		public String toString() {
			return "TokenRequest[redacted]";
		}
	}

	@PostMapping("/accounts/verification")
	ResponseEntity<Void> verify(@Valid @RequestBody TokenRequest request) {
		accounts.verifyEmail(request.token());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/me")
	Profile me(Authentication authentication) {
		return accounts.profile(AccountId.from(authentication));
	}

	record ProfileCorrection(@Size(min = 1, max = 200, message = "Use 1 to 200 characters.") @Storable String name,
			@Valid PostalAddress address) {
		@Override
		public String toString() {
			return "ProfileCorrection[redacted]";
		}
	}

	@PatchMapping("/me")
	Profile correct(Authentication authentication, @Valid @RequestBody ProfileCorrection correction) {
		AccountId id = AccountId.from(authentication);
		Profile current = accounts.profile(id);
		accounts.correctProfile(id, correction.name() != null ? correction.name() : current.name(),
				correction.address() != null ? correction.address() : current.address());
		return accounts.profile(id);
	}

	record EmailChange(@NotBlank(message = "Enter the new email address.") @Size(max = 254) @Storable String email,
			@NotNull(message = "Enter your current password.") String currentPassword) {
		@Override
		public String toString() {
			return "EmailChange[redacted]";
		}
	}

	@PostMapping("/me/email")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, String> changeEmail(Authentication authentication, @Valid @RequestBody EmailChange change) {
		accounts.requestEmailChange(AccountId.from(authentication), change.email(), change.currentPassword());
		return Map.of("status", "confirmation-mailed", "message",
				"We sent a link to the new address. The change takes effect when you open it.");
	}

	@PostMapping("/me/email/confirmation")
	ResponseEntity<Void> confirmEmail(@Valid @RequestBody TokenRequest request) {
		accounts.confirmEmailChange(request.token());
		return ResponseEntity.noContent().build();
	}

	record PasswordChange(@NotNull(message = "Enter your current password.") String currentPassword,
			@NotNull(message = "Choose a new password.") String newPassword) {
		@Override
		public String toString() {
			return "PasswordChange[redacted]";
		}
	}

	@PostMapping("/me/password")
	ResponseEntity<Void> changePassword(Authentication authentication, @Valid @RequestBody PasswordChange change) {
		credentials.changePassword(AccountId.from(authentication), change.currentPassword(), change.newPassword());
		return ResponseEntity.noContent().build();
	}

	record ResetRequest(@NotBlank(message = "Enter your email address.") @Size(max = 254) String email) {
		@Override
		public String toString() {
			return "ResetRequest[redacted]";
		}
	}

	@PostMapping("/password-reset")
	@ResponseStatus(HttpStatus.ACCEPTED)
	Map<String, String> requestReset(@Valid @RequestBody ResetRequest request) {
		credentials.requestPasswordReset(request.email());
		return Map.of("status", "accepted", "message",
				"If this address has an account, a reset link is on its way. It works for 30 minutes.");
	}

	record ResetConfirmation(@NotBlank(message = "The token from the link is missing.") @Size(max = 200) String token,
			@NotNull(message = "Choose a new password.") String password) {
		@Override
		public String toString() {
			return "ResetConfirmation[redacted]";
		}
	}

	@PostMapping("/password-reset/confirmation")
	ResponseEntity<Void> reset(@Valid @RequestBody ResetConfirmation confirmation) {
		credentials.resetPassword(confirmation.token(), confirmation.password());
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/me/totp")
	@ResponseStatus(HttpStatus.CREATED)
	TotpEnrolment startTotp(Authentication authentication) {
		return credentials.startTotp(AccountId.from(authentication));
	}

	record TotpConfirmation(@NotBlank(message = "Enter the 6-digit code from your app.") @Size(max = 20) String code) {
		@Override
		public String toString() {
			return "TotpConfirmation[redacted]";
		}
	}

	@PostMapping("/me/totp/confirmation")
	Map<String, List<String>> confirmTotp(Authentication authentication, @Valid @RequestBody TotpConfirmation confirmation) {
		return Map.of("recoveryCodes", credentials.confirmTotp(AccountId.from(authentication), confirmation.code()));
	}

	@Schema(name = "CurrentPasswordConfirmation") // one schema name per type in the API document
	record PasswordConfirmation(@NotNull(message = "Enter your current password.") String currentPassword) {
		@Override
		public String toString() {
			return "PasswordConfirmation[redacted]";
		}
	}

	@DeleteMapping("/me/totp")
	ResponseEntity<Void> removeTotp(Authentication authentication, @Valid @RequestBody PasswordConfirmation confirmation) {
		credentials.removeTotp(AccountId.from(authentication), confirmation.currentPassword());
		return ResponseEntity.noContent().build();
	}

	@GetMapping("/me/preferences")
	PreferenceSettings preferences(Authentication authentication) {
		return preferences.of(AccountId.from(authentication));
	}

	@PutMapping("/me/preferences")
	PreferenceSettings updatePreferences(Authentication authentication, @Valid @RequestBody PreferenceSettings settings) {
		AccountId id = AccountId.from(authentication);
		preferences.update(id, settings);
		return preferences.of(id);
	}
}
