package eu.pledge.privacy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.requests.RequestInput;
import eu.pledge.privacy.requests.RequestProperties;
import eu.pledge.privacy.requests.RequestRecorded;
import eu.pledge.privacy.requests.RequestRepository;
import eu.pledge.privacy.requests.RequestUpdated;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.RecordKey;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.Vault;

/**
 * Data-subject requests that arrived another way (by mail, through the contact form), recorded and tracked by
 * the vendor's administrators against the statutory deadline of GDPR Art. 12(3): one month from receipt,
 * extendable once by two further months, with the reason recorded and told to the person within the first
 * month. Callers are platform administrators (the routes say so); every change is audited by id.
 */
@Service
@Transactional
public class DataSubjectRequests {

	static final int LIST_LIMIT = 1000;

	/**
	 * A request to record.
	 *
	 * @param type what the person asks for
	 * @param account the person's account id, when known
	 * @param contactEmail how to reach the person (required when no account is known)
	 * @param receivedOn the day it arrived; null means today
	 * @param note a first note, or null
	 * @param contactMessageId the contact message it came from, or null
	 */
	public record NewRequest(RequestType type, AccountId account, String contactEmail, LocalDate receivedOn,
			String note, UUID contactMessageId) {

		@Override
		public String toString() {
			return "NewRequest[type=" + type + ", redacted]";
		}
	}

	/**
	 * A change: a new status (extended needs a reason, rejected needs a reason), and/or a note to add.
	 *
	 * @param status the new status, or null to leave it
	 * @param reason why it was extended or rejected
	 * @param note a note to add, or null
	 */
	public record Change(RequestStatus status, String reason, String note) {

		@Override
		public String toString() {
			return "Change[status=" + status + ", redacted]";
		}
	}

	private final RequestRepository requests;
	private final Vault vault;
	private final RequestProperties properties;
	private final ApplicationEventPublisher events;
	private final Clock clock;

	DataSubjectRequests(RequestRepository requests, Vault vault, RequestProperties properties,
			ApplicationEventPublisher events, Clock clock) {
		this.requests = requests;
		this.vault = vault;
		this.properties = properties;
		this.events = events;
		this.clock = clock;
	}

	public DataSubjectRequest record(AccountId actor, NewRequest request) {
		if (request.type() == null) {
			throw Rejected.badRequest("type", "Choose what the person asks for: access, portability, correction, "
					+ "erasure, restriction or objection.");
		}
		String email = RequestInput.email(request.contactEmail());
		if (request.account() == null && email == null) {
			throw Rejected.badRequest("contactEmail",
					"Give the person's account id, or an email address to reach them.");
		}
		LocalDate today = today();
		LocalDate received = request.receivedOn() == null ? today : request.receivedOn();
		if (received.isAfter(today)) {
			throw Rejected.badRequest("receivedOn", "The day of receipt cannot be in the future.");
		}
		if (received.isBefore(today.minusYears(5))) {
			throw Rejected.badRequest("receivedOn", "The day of receipt is more than five years ago; check the date.");
		}
		String note = RequestInput.text("note", request.note());
		UUID id = UUID.randomUUID();
		RecordKey key = key(id);
		vault.createKey(key);
		Instant now = clock.instant();
		requests.insert(id, request.type(), request.account(), vault.seal(key, "contact-email", email), received,
				received.plusMonths(1), note == null ? null : vault.seal(key, "notes", dated(today, note)),
				request.contactMessageId(), actor, now, null);
		events.publishEvent(new RequestRecorded(id, request.type(), request.account(), request.contactMessageId(), actor,
				now, null));
		return view(requests.find(id).orElseThrow(), today);
	}

	/**
	 * The person objects, on their own data page or through the API, to processing for one purpose (Art. 21 GDPR):
	 * an OBJECTION request of their account, received today, due in one month, with their grounds as its first
	 * note. One open objection per purpose: another while it is open is refused (409), however many arrive at once.
	 *
	 * @param person the signed-in account, who is also the one recording it
	 * @param purpose the purpose's stable name (the caller checked that it rests on legitimate interest)
	 * @param note what the staff read first: the purpose in words and the person's grounds
	 */
	public DataSubjectRequest object(AccountId person, String purpose, String note) {
		UUID id = UUID.randomUUID();
		RecordKey key = key(id);
		LocalDate today = today();
		Instant now = clock.instant();
		try {
			vault.createKey(key);
			requests.insert(id, RequestType.OBJECTION, person, null, today, today.plusMonths(1),
					vault.seal(key, "notes", dated(today, note)), null, person, now, purpose);
		}
		catch (DuplicateKeyException ex) {
			throw new Rejected(HttpStatus.CONFLICT, "purpose",
					"You already objected to this processing and we have not answered yet; you see the request's status on your data page.");
		}
		events.publishEvent(new RequestRecorded(id, RequestType.OBJECTION, person, null, person, now, purpose));
		return view(requests.find(id).orElseThrow(), today);
	}

	@Transactional(readOnly = true)
	public List<DataSubjectRequest> list() {
		LocalDate today = today();
		return requests.all(LIST_LIMIT).stream().map(stored -> view(stored, today)).toList();
	}

	@Transactional(readOnly = true)
	public DataSubjectRequest find(String id) {
		return view(requests.find(RequestInput.uuid(id)).orElseThrow(DataSubjectRequests::notFound), today());
	}

	public DataSubjectRequest update(AccountId actor, String id, Change change) {
		RequestRepository.Stored current = requests.lock(RequestInput.uuid(id)).orElseThrow(DataSubjectRequests::notFound);
		String reason = RequestInput.text("reason", change.reason());
		String note = RequestInput.text("note", change.note());
		if (change.status() == null && note == null) {
			throw Rejected.badRequest("status", "Give a new status or a note.");
		}
		LocalDate today = today();
		Instant now = clock.instant();
		RecordKey key = key(current.id());
		RequestRepository.Stored changed = current;
		if (change.status() == RequestStatus.EXTENDED && current.status() == RequestStatus.EXTENDED) {
			throw new Rejected(HttpStatus.CONFLICT, "status",
					"The deadline was already extended once; the law allows one extension.");
		}
		if (change.status() != null && current.status().closed()) {
			throw new Rejected(HttpStatus.CONFLICT, "status", "This request is closed; only notes can be added.");
		}
		boolean statusChanged = change.status() != null && change.status() != current.status();
		if (!statusChanged && note == null) {
			return view(current, today); // nothing changes (the status it already has)
		}
		if (statusChanged) {
			changed = transition(current, change.status(), reason, today, now, key);
		}
		if (note != null) {
			String notes = open(key, "notes", current.notesSealed());
			String appended = (notes == null ? "" : notes + "\n") + dated(today, note);
			if (appended.length() > 20_000) {
				throw new Rejected(HttpStatus.CONFLICT, "note", "This request has too many notes already.");
			}
			changed = new RequestRepository.Stored(changed.id(), changed.type(), changed.account(), changed.emailSealed(),
					changed.receivedOn(), changed.dueOn(), changed.status(), changed.extensionSealed(),
					changed.rejectionSealed(), vault.seal(key, "notes", appended), changed.contactMessageId(),
					changed.recordedBy(), changed.recordedAt(), changed.closedAt(), changed.purpose());
		}
		requests.update(changed, now);
		events.publishEvent(new RequestUpdated(current.id(), changed.status(), statusChanged, note != null, actor, now));
		return view(changed, today);
	}

	private RequestRepository.Stored transition(RequestRepository.Stored current, RequestStatus target, String reason,
			LocalDate today, Instant now, RecordKey key) {
		if (current.status().closed()) {
			throw new Rejected(HttpStatus.CONFLICT, "status", "This request is closed; only notes can be added.");
		}
		LocalDate due = current.dueOn();
		String extension = current.extensionSealed();
		String rejection = current.rejectionSealed();
		Instant closed = null;
		switch (target) {
			case OPEN -> throw new Rejected(HttpStatus.CONFLICT, "status", "An extended request cannot be reopened.");
			case EXTENDED -> {
				if (reason == null) {
					throw Rejected.badRequest("reason", "Give the reason for the extension; the person must be told it.");
				}
				LocalDate original = current.receivedOn().plusMonths(1);
				if (today.isAfter(original)) {
					throw new Rejected(HttpStatus.CONFLICT, "status", "The first month has passed: an extension must be "
							+ "decided and told to the person within one month of receipt.");
				}
				due = current.receivedOn().plusMonths(3);
				extension = vault.seal(key, "extension-reason", reason);
			}
			case REJECTED -> {
				if (reason == null) {
					throw Rejected.badRequest("reason", "Give the reason for the rejection; the person must be told it.");
				}
				rejection = vault.seal(key, "rejection-reason", reason);
				closed = now;
			}
			case COMPLETED -> closed = now;
		}
		return new RequestRepository.Stored(current.id(), current.type(), current.account(), current.emailSealed(),
				current.receivedOn(), due, target, extension, rejection, current.notesSealed(), current.contactMessageId(),
				current.recordedBy(), current.recordedAt(), closed, current.purpose());
	}

	/** The person's requests, for their export. */
	public List<DataSubjectRequest> of(AccountId account) {
		LocalDate today = today();
		return requests.ofAccount(account).stream().map(stored -> view(stored, today)).toList();
	}

	/**
	 * Erasure of an account: its requests stay as anonymous records (type, dates, status: the vendor must be able
	 * to show that it answered), but lose the link to the account and, with their vault key, every free text.
	 */
	public void anonymise(AccountId account) {
		for (RequestRepository.Stored stored : requests.ofAccount(account)) {
			requests.anonymise(stored.id());
			vault.destroy(key(stored.id()));
		}
	}

	/** Deletes one request and destroys its key (retention). */
	public void delete(UUID id) {
		requests.delete(id);
		vault.destroy(key(id));
	}

	DataSubjectRequest view(RequestRepository.Stored stored, LocalDate today) {
		RecordKey key = key(stored.id());
		return new DataSubjectRequest(stored.id(), stored.type(), stored.account(),
				open(key, "contact-email", stored.emailSealed()), stored.receivedOn(), stored.dueOn(), stored.status(),
				open(key, "extension-reason", stored.extensionSealed()),
				open(key, "rejection-reason", stored.rejectionSealed()), open(key, "notes", stored.notesSealed()),
				stored.contactMessageId(), stored.recordedBy(), stored.recordedAt(), stored.closedAt(),
				urgency(stored, today), stored.purpose());
	}

	private DataSubjectRequest.Urgency urgency(RequestRepository.Stored stored, LocalDate today) {
		if (stored.status().closed()) {
			return DataSubjectRequest.Urgency.CLOSED;
		}
		if (today.isAfter(stored.dueOn())) {
			return DataSubjectRequest.Urgency.OVERDUE;
		}
		long daysLeft = ChronoUnit.DAYS.between(today, stored.dueOn());
		return daysLeft <= properties.requestDueSoon().toDays() ? DataSubjectRequest.Urgency.DUE_SOON
				: DataSubjectRequest.Urgency.ON_TIME;
	}

	private String open(RecordKey key, String field, String sealed) {
		if (sealed == null) {
			return null;
		}
		try {
			return vault.open(key, field, sealed);
		}
		catch (Vault.KeyDestroyedException ex) {
			return null;
		}
	}

	private LocalDate today() {
		return LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
	}

	/** The vault key of one request: the request's own (requests are not accounts). */
	private static RecordKey key(UUID request) {
		return new RecordKey(request);
	}

	private static String dated(LocalDate today, String note) {
		return today + ": " + note;
	}

	private static Rejected notFound() {
		return new Rejected(HttpStatus.NOT_FOUND, "There is no such request.");
	}
}
