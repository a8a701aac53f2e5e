package eu.pledge.access;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

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
import eu.pledge.shared.Permission;

/** The platform administrators' JSON API: organisations, contracts, the system catalogue. */
@RestController
@RequestMapping(path = "/api/v1/admin", produces = "application/json")
class AccessAdminApi {

	private final Organizations organizations;
	private final Memberships memberships;
	private final SystemCatalogue catalogue;
	private final Access access;

	AccessAdminApi(Organizations organizations, Memberships memberships, SystemCatalogue catalogue, Access access) {
		this.organizations = organizations;
		this.memberships = memberships;
		this.catalogue = catalogue;
		this.access = access;
	}

	record NewOrganization(@NotBlank(message = "Enter the organisation's name.")
			@Size(max = 200, message = "Use at most 200 characters.") String name) {
	}

	record OrganizationChange(@Size(min = 1, max = 200, message = "Use 1 to 200 characters.") String name,
			String status) {
	}

	record ContractRequest(String status, Instant startsAt, Instant endsAt,
			@Min(value = 1, message = "Use at least 1 seat.") @Max(value = Organizations.MAX_SEATS, message = "Use at most 1000000 seats.") Integer seats,
			@Size(max = 50, message = "Name at most 50 systems.") Map<String, String> systems) {

		ContractTerms terms() {
			return new ContractTerms(Choices.parse(Contract.Status.class, "status", status), startsAt, endsAt, seats,
					systems);
		}
	}

	record NewContract(String status, @NotNull(message = "Enter when the contract starts.") Instant startsAt,
			@NotNull(message = "Enter when the contract ends.") Instant endsAt,
			@NotNull(message = "Enter the number of seats.") @Min(value = 1, message = "Use at least 1 seat.")
			@Max(value = Organizations.MAX_SEATS, message = "Use at most 1000000 seats.") Integer seats,
			@NotNull(message = "Choose at least one system and its access level.")
			@Size(min = 1, max = 50, message = "Choose 1 to 50 systems.") Map<String, String> systems) {
	}

	record OrganizationDetails(Organization organization, List<Contract> contracts, List<MemberView> members,
			Memberships.SeatUsage seats) {
	}

	record SystemLevels(String system, List<String> levels) {
	}

	@GetMapping("/organizations")
	List<Organization> list(Authentication authentication) {
		return organizations.list(AccountId.from(authentication));
	}

	@PostMapping("/organizations")
	@ResponseStatus(HttpStatus.CREATED)
	Organization create(Authentication authentication, @Valid @RequestBody NewOrganization request) {
		return organizations.create(AccountId.from(authentication), request.name());
	}

	@GetMapping("/organizations/{id}")
	OrganizationDetails details(Authentication authentication, @PathVariable String id) {
		AccountId actor = AccountId.from(authentication);
		access.require(actor, Permission.PLATFORM_ADMIN, null);
		Organization organization = organizations.find(actor, id);
		return new OrganizationDetails(organization, organizations.contracts(actor, id), memberships.members(actor, id),
				memberships.seats(organization.id()));
	}

	@PatchMapping("/organizations/{id}")
	Organization update(Authentication authentication, @PathVariable String id,
			@Valid @RequestBody OrganizationChange change) {
		return organizations.update(AccountId.from(authentication), id, change.name(),
				Choices.parse(Organization.Status.class, "status", change.status()));
	}

	@PostMapping("/organizations/{id}/contracts")
	@ResponseStatus(HttpStatus.CREATED)
	Contract addContract(Authentication authentication, @PathVariable String id, @Valid @RequestBody NewContract request) {
		return organizations.addContract(AccountId.from(authentication), id, new ContractTerms(
				Choices.parse(Contract.Status.class, "status", request.status()), request.startsAt(), request.endsAt(),
				request.seats(), request.systems()));
	}

	@PatchMapping("/contracts/{id}")
	Contract updateContract(Authentication authentication, @PathVariable String id,
			@Valid @RequestBody ContractRequest change) {
		return organizations.updateContract(AccountId.from(authentication), id, change.terms());
	}

	@GetMapping("/systems")
	List<SystemLevels> systems() {
		return catalogue.systems().entrySet().stream().map(e -> new SystemLevels(e.getKey(), e.getValue())).toList();
	}
}
