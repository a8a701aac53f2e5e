package eu.pledge.privacy.rights;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.DataSubjectRequest;
import eu.pledge.privacy.DataSubjectRequests;
import eu.pledge.privacy.RequestStatus;
import eu.pledge.privacy.RequestType;
import eu.pledge.privacy.inventory.Category;
import eu.pledge.privacy.inventory.Inventory;
import eu.pledge.privacy.inventory.Purpose;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * The right to object (Art. 21 GDPR) as self-service: every purpose that rests on legitimate interest, what it
 * covers and where Pledge has compelling grounds to go on; an objection opens a data-subject request that the
 * vendor's staff answer within the statutory month, and the person follows its status.
 */
@Service
class Objections {

	static final int MAX_GROUNDS = 2000;

	/**
	 * A purpose the person may object to.
	 *
	 * @param purpose its stable name, what the person sends back ({@code security})
	 * @param description the purpose in the notice's words
	 * @param legalBasis its legal basis
	 * @param categories the titles of the categories processed for it on legitimate interest
	 * @param compellingGrounds why processing goes on despite an objection, or null when none is claimed in advance
	 * @param open the person's open objection to it, or null
	 */
	record Objectable(String purpose, String description, String legalBasis, List<String> categories,
			String compellingGrounds, Objection open) {
	}

	/**
	 * One of the person's objections, as they see it.
	 *
	 * @param answer the reason the staff gave for an extension or a rejection, or null
	 */
	record Objection(String id, String purpose, String description, LocalDate receivedOn, LocalDate dueOn,
			RequestStatus status, String answer) {
	}

	record Overview(List<Objectable> purposes, List<Objection> objections) {
	}

	private final Inventory inventory;
	private final DataSubjectRequests requests;

	Objections(Inventory inventory, DataSubjectRequests requests) {
		this.inventory = inventory;
		this.requests = requests;
	}

	@Transactional(readOnly = true)
	Overview of(AccountId person) {
		List<Objection> objections = requests.of(person).stream()
				.filter(request -> request.type() == RequestType.OBJECTION && request.purpose() != null)
				.map(this::view).toList();
		List<Objectable> purposes = inventory.purposes().stream().filter(inventory::objectable)
				.map(purpose -> objectable(purpose, objections)).toList();
		return new Overview(purposes, objections);
	}

	@Transactional
	Objection object(AccountId person, String purposeName, String grounds) {
		Purpose purpose = objectable(purposeName);
		String text = grounds == null ? "" : grounds.strip();
		if (text.length() > MAX_GROUNDS) {
			throw Rejected.badRequest("grounds", "Keep your grounds under " + MAX_GROUNDS + " characters.");
		}
		String note = "The person objects to processing for " + purpose.plain() + " (Art. 21). Their grounds: "
				+ (text.isEmpty() ? "none given." : text);
		return view(requests.object(person, name(purpose), note));
	}

	private Purpose objectable(String name) {
		if (name == null || name.isBlank()) {
			throw Rejected.badRequest("purpose", "Choose the purpose you object to.");
		}
		for (Purpose purpose : inventory.purposes()) {
			if (name(purpose).equals(name.strip().toLowerCase(Locale.ROOT))) {
				if (!inventory.objectable(purpose)) {
					throw Rejected.badRequest("purpose", "This processing rests on your contract or on a legal obligation, "
							+ "not on our legitimate interest, so the right to object does not apply; you may restrict it or "
							+ "erase your account instead.");
				}
				return purpose;
			}
		}
		throw Rejected.badRequest("purpose", "There is no such purpose; choose one of those listed.");
	}

	private Objectable objectable(Purpose purpose, List<Objection> objections) {
		String name = name(purpose);
		return new Objectable(name, purpose.plain(), inventory.legalBasis(purpose).orElseThrow(),
				inventory.objectableCategories(purpose).stream().map(Category::title).toList(),
				inventory.compellingGrounds(purpose).orElse(null),
				objections.stream().filter(objection -> objection.purpose().equals(name))
						.filter(objection -> !objection.status().closed()).findFirst().orElse(null));
	}

	private Objection view(DataSubjectRequest request) {
		String description = inventory.purposes().stream().filter(purpose -> name(purpose).equals(request.purpose()))
				.map(Purpose::plain).findFirst().orElse(request.purpose());
		String answer = request.rejectionReason() != null ? request.rejectionReason() : request.extensionReason();
		return new Objection(request.id().toString(), request.purpose(), description, request.receivedOn(),
				request.dueOn(), request.status(), answer);
	}

	static String name(Purpose purpose) {
		return purpose.name().toLowerCase(Locale.ROOT).replace('_', '-');
	}
}
