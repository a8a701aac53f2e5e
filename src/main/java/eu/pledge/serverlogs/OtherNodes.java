package eu.pledge.serverlogs;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.serverlogs.LogFileHolder.Line;
import eu.pledge.shared.AccountId;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * What a data-subject right needs from the other nodes' log files. An export asks every live node and waits
 * up to {@code export-wait} for their lines; an erasure leaves the work for every known node, live or down,
 * in the erasure's own transaction, so it is done exactly when the erasure commits.
 */
@Component
class OtherNodes {

	private static final JsonMapper JSON = JsonMapper.builder().build();
	private static final TypeReference<List<Line>> LINES = new TypeReference<>() {
	};

	private final LogNodes nodes;
	private final LogTasks tasks;
	private final ServerLogsProperties properties;
	private final Clock clock;
	private final TransactionTemplate ownTransaction;

	OtherNodes(LogNodes nodes, LogTasks tasks, ServerLogsProperties properties, Clock clock,
			PlatformTransactionManager transactions) {
		this.nodes = nodes;
		this.tasks = tasks;
		this.properties = properties;
		this.clock = clock;
		// The requests must be visible to the other nodes while the export's own transaction still runs.
		this.ownTransaction = new TransactionTemplate(transactions);
		this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
	}

	/** The other nodes' lines, and the live nodes that did not answer within {@code export-wait}. */
	record Answers(List<Line> lines, List<String> unanswered) {
	}

	Answers linesOf(AccountId account) {
		List<String> asked = nodes.liveOthers(clock.instant());
		if (asked.isEmpty()) {
			return new Answers(List.of(), List.of());
		}
		List<Long> ids = ownTransaction.execute(status -> tasks.request(LogTasks.EXPORT, asked, account, clock.instant()));
		Map<Long, String> answers = awaitAnswers(ids);
		ownTransaction.executeWithoutResult(status -> tasks.delete(ids));
		List<Line> lines = new ArrayList<>();
		List<String> unanswered = new ArrayList<>();
		for (int i = 0; i < ids.size(); i++) {
			String answer = answers.get(ids.get(i));
			if (answer == null) {
				unanswered.add(asked.get(i));
			}
			else {
				lines.addAll(JSON.readValue(answer, LINES));
			}
		}
		return new Answers(lines, unanswered);
	}

	/** Leaves the erasure of the account's lines for every other node; call in the erasure's transaction. */
	void erase(AccountId account) {
		tasks.request(LogTasks.ERASE, nodes.others(), account, clock.instant());
	}

	/** The answer to an export request, as the asking node reads it. */
	static String answer(List<Line> lines) {
		return JSON.writeValueAsString(lines);
	}

	private Map<Long, String> awaitAnswers(List<Long> ids) {
		// Real time, not the clock: the wait is for other processes.
		long deadline = System.nanoTime() + properties.exportWait().toNanos();
		while (true) {
			Map<Long, String> answers = tasks.answers(ids);
			if (answers.size() == ids.size() || System.nanoTime() > deadline) {
				return answers;
			}
			try {
				TimeUnit.MILLISECONDS.sleep(50);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return answers;
			}
		}
	}
}
