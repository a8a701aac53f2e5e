package eu.pledge.privacy.requests;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

import eu.pledge.privacy.DataSubjectRequests;
import eu.pledge.privacy.spi.BatchedSweep;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.privacy.spi.RetentionRule;
import eu.pledge.shared.AccountId;

/**
 * The request records as personal data: where they are, what a person gets in their export, what erasure does
 * to them, and the retention rule {@code request-records} that deletes closed requests after
 * {@code pledge.privacy.request-retention}.
 */
@Component
class RequestRecords implements PersonalDataHolder, RetentionRule {

	static final String CATEGORY = "request-records";
	private static final int BATCH = 200;

	/** One request in a person's export (stable field names; {@code purpose}: what an objection is about). */
	record ExportedRequest(UUID id, String type, String receivedOn, String dueOn, String status,
			String extensionReason, String rejectionReason, String notes, String closedAt, String purpose) {
	}

	private final DataSubjectRequests requests;
	private final RequestRepository repository;
	private final RequestProperties properties;
	private final BatchedSweep batches;

	RequestRecords(DataSubjectRequests requests, RequestRepository repository, RequestProperties properties,
			PlatformTransactionManager transactions) {
		this.requests = requests;
		this.repository = repository;
		this.properties = properties;
		this.batches = new BatchedSweep(transactions);
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore(CATEGORY, "table:privacy_requests", properties.requestRetention()));
	}

	@Override
	public List<HeldItem> export(AccountId account) {
		return requests.of(account).stream().map(request -> new HeldItem(CATEGORY, "data-subject-request",
				new ExportedRequest(request.id(), request.type().name().toLowerCase(java.util.Locale.ROOT),
						request.receivedOn().toString(), request.dueOn().toString(),
						request.status().name().toLowerCase(java.util.Locale.ROOT), request.extensionReason(),
						request.rejectionReason(), request.notes(),
						request.closedAt() == null ? null : request.closedAt().toString(), request.purpose()),
				request.closedAt() == null ? null : request.closedAt().plus(properties.requestRetention())))
				.toList();
	}

	/** Anonymises rather than deletes: the vendor must still be able to show that the request was answered. */
	@Override
	public void erase(AccountId account) {
		requests.anonymise(account);
	}

	@Override
	public String name() {
		return CATEGORY;
	}

	@Override
	public String category() {
		return CATEGORY;
	}

	@Override
	public long sweep(Instant now) {
		Instant cutoff = now.minus(retention());
		return batches.run(BATCH, size -> {
			List<UUID> expired = repository.closedBefore(cutoff, size);
			expired.forEach(requests::delete);
			return BatchedSweep.Batch.of(expired.size());
		});
	}

	private Duration retention() {
		return properties.requestRetention();
	}
}
