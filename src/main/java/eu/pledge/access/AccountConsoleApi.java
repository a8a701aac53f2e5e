package eu.pledge.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import eu.pledge.accounts.AccountAdministration;
import eu.pledge.sessions.AdministeredSessions;
import eu.pledge.shared.AccountId;
import io.swagger.v3.oas.annotations.media.Schema;

/** The console's "People" as JSON: the same search, details and actions as the pages. */
@RestController
@RequestMapping(path = "/api/v1/admin/accounts", produces = "application/json")
class AccountConsoleApi {

	private final AccountConsole console;
	private final AccountAdministration administration;
	private final AdministeredSessions sessions;

	AccountConsoleApi(AccountConsole console, AccountAdministration administration, AdministeredSessions sessions) {
		this.console = console;
		this.administration = administration;
		this.sessions = sessions;
	}

	@Schema(name = "AccountOrganization") // one schema name per type in the API document
	record Organization(String id, String name, String role) {
	}

	record AccountJson(String id, String name, String email, boolean verified, boolean twoStep, boolean restricted,
			boolean administrator, boolean disabled, List<Organization> organizations, Instant registeredAt,
			Instant lastSignIn, List<String> methods) {

		static AccountJson of(AccountConsole.Row row) {
			var account = row.account();
			return new AccountJson(account.id().toString(), account.name(), account.email(), account.verified(),
					account.twoStep(), row.restricted(), account.administrator(), account.disabled(),
					row.organizations().stream().map(membership -> new Organization(
							membership.organization().id().toString(), membership.organization().name(),
							membership.role().name().toLowerCase(java.util.Locale.ROOT))).toList(),
					account.registeredAt(), account.lastSignIn(), account.methods());
		}

		@Override
		public String toString() {
			return "AccountJson[" + id + "]";
		}
	}

	@Schema(name = "AccountPage") // one schema name per type in the API document
	record Page(List<AccountJson> accounts, String next) {
	}

	record Details(AccountJson account, List<SystemAccess> access, List<AdministeredSessions.Session> sessions) {
	}

	@Schema(name = "AdministratorPasswordConfirmation") // one schema name per type in the API document
	record PasswordConfirmation(String password) {
		@Override
		public String toString() {
			return "PasswordConfirmation[redacted]";
		}
	}

	@GetMapping
	Page search(Authentication authentication, @RequestParam(required = false) String q,
			@RequestParam(required = false) String cursor) {
		AccountConsole.Rows rows = console.search(AccountId.from(authentication), q, cursor);
		return new Page(rows.rows().stream().map(AccountJson::of).toList(), rows.next());
	}

	@GetMapping("/{id}")
	Details details(Authentication authentication, @PathVariable String id) {
		AccountConsole.Details details = console.details(AccountId.from(authentication), id);
		return new Details(AccountJson.of(details.row()), details.access(), details.sessions());
	}

	@DeleteMapping("/{id}/sessions")
	Map<String, Integer> endSessions(@PathVariable String id) {
		return Map.of("ended", sessions.endAll(AccountConsole.parse(id)));
	}

	@DeleteMapping("/{id}/sessions/{handle}")
	ResponseEntity<Void> endSession(@PathVariable String id, @PathVariable String handle) {
		return sessions.end(AccountConsole.parse(id), handle) ? ResponseEntity.noContent().build()
				: ResponseEntity.notFound().build();
	}

	@PostMapping("/{id}/disable")
	ResponseEntity<Void> disable(Authentication authentication, @PathVariable String id) {
		administration.disable(AccountId.from(authentication), AccountConsole.parse(id));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/enable")
	ResponseEntity<Void> enable(Authentication authentication, @PathVariable String id) {
		administration.enable(AccountId.from(authentication), AccountConsole.parse(id));
		return ResponseEntity.noContent().build();
	}

	@PutMapping("/{id}/administrator")
	ResponseEntity<Void> makeAdministrator(Authentication authentication, @PathVariable String id) {
		administration.makeAdministrator(AccountId.from(authentication), AccountConsole.parse(id));
		return ResponseEntity.noContent().build();
	}

	@DeleteMapping("/{id}/administrator")
	ResponseEntity<Void> removeAdministrator(Authentication authentication, @PathVariable String id) {
		administration.removeAdministrator(AccountId.from(authentication), AccountConsole.parse(id));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/verification")
	ResponseEntity<Void> resendVerification(Authentication authentication, @PathVariable String id) {
		administration.resendVerification(AccountId.from(authentication), AccountConsole.parse(id));
		return ResponseEntity.noContent().build();
	}

	@PostMapping("/{id}/two-step-reset")
	ResponseEntity<Void> resetTwoStep(Authentication authentication, @PathVariable String id,
			@RequestBody(required = false) PasswordConfirmation confirmation) {
		administration.resetSecondFactor(AccountId.from(authentication),
				confirmation == null ? null : confirmation.password(), AccountConsole.parse(id));
		return ResponseEntity.noContent().build();
	}
}
