package eu.pledge.privacy.requests;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.DataSubjectRequest;

/**
 * What an administrator can open to act on a request. This is the hook where the rights services (export,
 * correction, erasure, restriction of an account, in {@code privacy.rights}) add their actions; until they do,
 * the page says which service carries the request out and links to what the audit trail knows of the account.
 */
@Component
class RequestActions {

	/** A link to follow from the request page. */
	record Link(String label, String href) {
	}

	List<Link> links(DataSubjectRequest request) {
		List<Link> links = new ArrayList<>();
		if (request.account() != null) {
			links.add(new Link("Audit events about this account", "/admin/audit?targetId=" + request.account()));
			links.add(new Link("Actions by this account", "/admin/audit?actor=" + request.account()));
		}
		if (request.contactMessageId() != null) {
			links.add(new Link("The contact message it came from", "/admin/contact/" + request.contactMessageId()));
		}
		return links;
	}

	/** How the request is carried out, in a sentence for the administrator. */
	String howTo(DataSubjectRequest request) {
		if (request.account() == null) {
			return "No account is known: answer the person at the contact address, and record the account id here "
					+ "once found (a new request) if they have one.";
		}
		return switch (request.type()) {
			case ACCESS, PORTABILITY -> "Give the person their export (the rights services' export of this account), "
					+ "then mark the request completed.";
			case CORRECTION -> "Correct the data with the person (they can also do it on their profile page), then "
					+ "mark the request completed.";
			case ERASURE -> "Erase the account through the rights services' erasure (it runs every module's eraser "
					+ "and destroys the account's key), then mark the request completed.";
			case RESTRICTION -> "Restrict processing of the account through the rights services' "
					+ "restriction, then mark the request completed.";
			case OBJECTION -> request.purpose() == null ? "Restrict processing of the account through the rights "
					+ "services' restriction, then mark the request completed."
					: "The person objected on their data page to processing for the purpose " + request.purpose()
							+ " (their grounds are in the notes). Weigh them: where compelling legitimate grounds override "
							+ "them (the security of the service), reject the request with those grounds as the reason; "
							+ "otherwise stop that processing for this account and mark the request completed. The person "
							+ "sees the status and the reason on their data page.";
		};
	}
}
