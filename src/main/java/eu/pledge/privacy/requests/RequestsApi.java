package eu.pledge.privacy.requests;

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

import eu.pledge.privacy.DataSubjectRequest;
import eu.pledge.privacy.DataSubjectRequests;
import eu.pledge.privacy.RequestStatus;
import eu.pledge.privacy.RequestType;
import eu.pledge.shared.AccountId;

/** The administrators' API of data-subject requests received another way (docs/PRIVACY-REQUESTS.md). */
@RestController
@RequestMapping(path = "/api/v1/admin/requests", produces = "application/json")
class RequestsApi {

	private final DataSubjectRequests requests;

	RequestsApi(DataSubjectRequests requests) {
		this.requests = requests;
	}

	record NewRequestBody(String type, String accountId, String contactEmail, String receivedOn, String note) {

		DataSubjectRequests.NewRequest request() {
			return new DataSubjectRequests.NewRequest(RequestInput.choice(RequestType.class, "type", type),
					RequestInput.account("accountId", accountId), contactEmail,
					RequestInput.date("receivedOn", receivedOn), note, null);
		}

		@Override
		public String toString() {
			return "NewRequestBody[redacted]";
		}
	}

	record ChangeBody(String status, String reason, String note) {

		DataSubjectRequests.Change change() {
			return new DataSubjectRequests.Change(RequestInput.choice(RequestStatus.class, "status", status), reason, note);
		}

		@Override
		public String toString() {
			return "ChangeBody[redacted]";
		}
	}

	@GetMapping
	List<DataSubjectRequest> list() {
		return requests.list();
	}

	@PostMapping
	@ResponseStatus(HttpStatus.CREATED)
	DataSubjectRequest record(Authentication authentication, @RequestBody NewRequestBody body) {
		return requests.record(AccountId.from(authentication), body.request());
	}

	@GetMapping("/{id}")
	DataSubjectRequest find(@PathVariable String id) {
		return requests.find(id);
	}

	@PatchMapping("/{id}")
	DataSubjectRequest update(Authentication authentication, @PathVariable String id, @RequestBody ChangeBody body) {
		return requests.update(AccountId.from(authentication), id, body.change());
	}
}
