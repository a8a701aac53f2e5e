package eu.pledge.contact;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.protection.Questions;
import eu.pledge.privacy.DataSubjectRequest;
import eu.pledge.privacy.DataSubjectRequests;
import eu.pledge.privacy.RequestType;
import eu.pledge.protection.RateLimits;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Mail;
import eu.pledge.shared.Mailer;
import eu.pledge.shared.PledgeProperties;
import eu.pledge.shared.RecordKey;
import eu.pledge.shared.Rejected;
import eu.pledge.shared.StorableText;
import eu.pledge.shared.Vault;

/**
 * The contact form and its messages. A submission passes, in this order: the limit per client address (every
 * attempt counts), the honeypot (a filled one is dropped in silence: the sender sees the same thanks, nothing
 * is stored), the fields, the challenge's signature and age, the minimum fill time, single use, and the answer.
 * Messages are sealed under a vault key of their own, so deleting one destroys every copy, backups included.
 */
@Service
public class ContactMessages {

	static final int MAX_NAME = 200;
	static final int MAX_EMAIL = 254;
	static final int MAX_MESSAGE = 5000;
	static final int LIST_LIMIT = 500;
	private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,253}");

	/**
	 * What the form sends. {@code website} is the honeypot: people never see it, so it stays empty.
	 */
	public record Submission(String name, String email, String message, String challenge, String answer,
			String website) {

		@Override
		public String toString() {
			return "Submission[redacted]";
		}
	}

	private final MessageRepository messages;
	private final Questions challenges;
	private final UsedChallenges usedChallenges;
	private final RateLimits rateLimits;
	private final RateLimits.Bucket submissions;
	private final Vault vault;
	private final Mailer mailer;
	private final DataSubjectRequests requests;
	private final ContactProperties properties;
	private final PledgeProperties pledge;
	private final ApplicationEventPublisher events;
	private final Clock clock;
	private final TransactionTemplate transaction;

	ContactMessages(MessageRepository messages, Questions challenges, UsedChallenges usedChallenges,
			RateLimits rateLimits, Vault vault, Mailer mailer, DataSubjectRequests requests, ContactProperties properties,
			PledgeProperties pledge, ApplicationEventPublisher events, Clock clock,
			PlatformTransactionManager transactions) {
		this.messages = messages;
		this.challenges = challenges;
		this.usedChallenges = usedChallenges;
		this.rateLimits = rateLimits;
		// Per client address, shared by every node; a refused submission counts too.
		this.submissions = rateLimits.bucket(new RateLimits.Bucket("contact-submissions", RateLimits.Scope.CLUSTER,
				RateLimits.Keys.ADDRESS, properties.rateLimit(), properties.rateWindow(), true));
		this.vault = vault;
		this.mailer = mailer;
		this.requests = requests;
		this.properties = properties;
		this.pledge = pledge;
		this.events = events;
		this.clock = clock;
		this.transaction = new TransactionTemplate(transactions);
	}

	/** A fresh question and its token. Nothing is stored until it is answered. */
	public Questions.Question challenge() {
		return challenges.issue(Questions.Form.CONTACT, clock.instant());
	}

	/**
	 * Takes a submission from {@code clientAddress}, sent by {@code sender} when signed in (else null).
	 *
	 * @throws Rejected 429 over the address limit; 400 naming the field for anything else refused
	 */
	public void submit(Submission submission, String clientAddress, AccountId sender) {
		Instant now = clock.instant();
		RateLimits.Decision admitted = rateLimits.take(submissions, clientAddress);
		if (!admitted.allowed()) {
			throw new TooManyMessages(admitted.retryAfter());
		}
		if (submission.website() != null && !submission.website().isEmpty()) {
			return; // the honeypot: only robots fill it in; they get the same answer as a person
		}
		String name = StorableText.require("name", required("name", submission.name(), MAX_NAME, "Enter your name."));
		String email = required("email", submission.email(), MAX_EMAIL, "Enter your email address, so we can answer.");
		if (!EMAIL.matcher(email).matches()) {
			throw Rejected.badRequest("email", "Enter an email address like name@example.org.");
		}
		StorableText.require("email", email);
		String text = StorableText.requireLines("message",
				required("message", submission.message(), MAX_MESSAGE, "Write your message."));
		checkChallenge(submission, now);
		store(name, email, text, sender, now);
	}

	private void checkChallenge(Submission submission, Instant now) {
		String token = submission.challenge();
		Questions.Issued issued = challenges.verify(Questions.Form.CONTACT, token, now)
				.orElseThrow(() -> Rejected.badRequest("answer",
				"This question is not valid any more. Please answer the new one."));
		Instant expires = issued.issuedAt().plus(properties.challengeValidity());
		if (!now.isBefore(expires)) {
			throw Rejected.badRequest("answer", "This question has expired. Please answer the new one.");
		}
		if (Duration.between(issued.issuedAt(), now).compareTo(properties.minimumFillTime()) < 0) {
			throw Rejected.badRequest("answer",
					"That was faster than anyone can type. Please check your message and send it again.");
		}
		if (Questions.normalize(submission.answer()) == null) {
			throw Rejected.badRequest("answer", "Enter the answer as a number.");
		}
		if (!usedChallenges.use(issued.id(), expires)) {
			throw Rejected.badRequest("answer", "This question was already answered. Please answer the new one.");
		}
		if (!challenges.answers(token, issued, submission.answer())) {
			throw Rejected.badRequest("answer", "That is not the right answer. Please try the new question.");
		}
	}

	private void store(String name, String email, String text, AccountId sender, Instant now) {
		UUID id = UUID.randomUUID();
		RecordKey key = key(id);
		transaction.executeWithoutResult(status -> {
			vault.createKey(key);
			messages.insert(new MessageRepository.Stored(id, now, sender, vault.seal(key, "name", name),
					vault.seal(key, "email", email), vault.seal(key, "message", text), null));
			events.publishEvent(new ContactMessageReceived(id, sender, now));
			if (properties.staffAddress() != null) {
				// No content, no sender: the notice only says where to read it, behind the administrators' sign-in.
				mailer.send(new Mail(properties.staffAddress(), "New message through the contact form",
						"A message arrived through the contact form.\n\nRead it here (administrators only):\n"
								+ pledge.baseUrl() + "/admin/contact/" + id + "\n"));
			}
		});
	}

	public List<ContactMessage> recent() {
		return messages.recent(LIST_LIMIT).stream().map(this::open).toList();
	}

	public ContactMessage find(String id) {
		return open(messages.find(uuid(id)).orElseThrow(ContactMessages::notFound));
	}

	/**
	 * Records a data-subject request from a message: the person is the sender (their account when they were
	 * signed in, and the email they gave), received the day the message arrived.
	 */
	public DataSubjectRequest turnIntoRequest(AccountId actor, String id, RequestType type) {
		return transaction.execute(status -> {
			MessageRepository.Stored stored = messages.find(uuid(id)).orElseThrow(ContactMessages::notFound);
			ContactMessage message = open(stored);
			DataSubjectRequest request = requests.record(actor, new DataSubjectRequests.NewRequest(type,
					message.account(), message.email(), LocalDate.ofInstant(message.receivedAt(), ZoneOffset.UTC),
					"Received through the contact form.", message.id()));
			messages.linkRequest(stored.id(), request.id());
			return request;
		});
	}

	/** Deletes a message before its time (e.g. answered and no longer needed). */
	public void delete(AccountId actor, String id) {
		transaction.executeWithoutResult(status -> {
			UUID message = uuid(id);
			if (message == null || !messages.delete(message)) {
				throw notFound();
			}
			vault.destroy(key(message));
			events.publishEvent(new ContactMessageDeleted(message, actor, clock.instant()));
		});
	}

	List<ContactMessage> of(AccountId account) {
		return messages.ofAccount(account).stream().map(this::open).toList();
	}

	/** Deletes the message and destroys its key; in the caller's transaction. */
	void destroy(UUID id) {
		messages.delete(id);
		vault.destroy(key(id));
	}

	private ContactMessage open(MessageRepository.Stored stored) {
		RecordKey key = key(stored.id());
		return new ContactMessage(stored.id(), stored.receivedAt(), open(key, "name", stored.nameSealed()),
				open(key, "email", stored.emailSealed()), open(key, "message", stored.messageSealed()), stored.account(),
				stored.requestId(), stored.receivedAt().plus(properties.retention()));
	}

	private String open(RecordKey key, String field, String sealed) {
		try {
			return vault.open(key, field, sealed);
		}
		catch (Vault.KeyDestroyedException ex) {
			return null; // deleted meanwhile
		}
	}

	/** The vault key of one message: the message's own (messages are not accounts). */
	static RecordKey key(UUID message) {
		return new RecordKey(message);
	}

	private static String required(String field, String value, int max, String missing) {
		if (value == null || value.isBlank()) {
			throw Rejected.badRequest(field, missing);
		}
		String text = value.strip();
		if (text.length() > max) {
			throw Rejected.badRequest(field, "Use at most " + max + " characters.");
		}
		return text;
	}

	static UUID uuid(String id) {
		try {
			return id == null || id.length() != 36 ? null : UUID.fromString(id);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
	}

	static Optional<AccountId> accountOf(org.springframework.security.core.Authentication authentication) {
		if (authentication == null || !authentication.isAuthenticated()
				|| authentication instanceof org.springframework.security.authentication.AnonymousAuthenticationToken) {
			return Optional.empty();
		}
		UUID id = uuid(authentication.getName());
		return id == null ? Optional.empty() : Optional.of(new AccountId(id));
	}

	private static Rejected notFound() {
		return new Rejected(HttpStatus.NOT_FOUND, "There is no such message.");
	}
}
