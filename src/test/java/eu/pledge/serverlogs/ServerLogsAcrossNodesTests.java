package eu.pledge.serverlogs;

import static eu.pledge.testing.People.PASSWORD;
import static eu.pledge.testing.People.registerAndVerify;
import static eu.pledge.testing.People.signIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.SecondNode;
import tools.jackson.databind.JsonNode;

/**
 * Server logs are files on each node. The rights and the compliance check reach every node's files: an export
 * on one node carries the lines another wrote, an erasure on one node is done by every other, by a node that
 * was down when it returns and before it serves, and the check names a node that holds an old file or has not
 * confirmed an erasure.
 */
@TestPropertySource(properties = "pledge.serverlogs.export-wait=3s")
class ServerLogsAcrossNodesTests extends HttpTest {

	private static final Map<String, String> SAME = Map.of("pledge.serverlogs.export-wait", "3s");

	@Autowired
	JdbcClient jdbc;

	@Autowired
	NodesCheck check;

	@Autowired
	LogNodes nodes;

	@Test
	void anExportOnOneNodeCarriesTheLinesAnotherNodeWrote() throws IOException {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);
		try (SecondNode other = SecondNode.of(environment, SAME)) {
			ApiClient onOther = new ApiClient(other.port()).from(randomAddress());
			assertThat(signIn(onOther, email, PASSWORD).status()).isEqualTo(200);
			String requestOnOther = onOther.get("/api/v1/me").header("X-Request-Id");

			ApiClient here = client();
			assertThat(signIn(here, email, PASSWORD).status()).isEqualTo(200);
			JsonNode export = here.get("/api/v1/me/export").json();

			assertThat(export.toString()).contains(requestOnOther);
			assertThat(export.toString()).doesNotContain("server-logs-node-unanswered");
		}
	}

	/**
	 * Forty exports at once, half on each node: each waits for the other node's lines without holding a database
	 * connection meanwhile (it held one, and needed a second to ask: a few at once took every connection of the
	 * pool on both nodes, and they answered 503).
	 */
	@Test
	void fortyExportsAtOnceOverTwoNodesAllCarryBothNodesLines() throws Exception {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);
		try (SecondNode other = SecondNode.of(environment, SAME)) {
			ApiClient onOther = new ApiClient(other.port()).from(randomAddress());
			assertThat(signIn(onOther, email, PASSWORD).status()).isEqualTo(200);
			String requestOnOther = onOther.get("/api/v1/me").header("X-Request-Id");
			ApiClient here = client();
			assertThat(signIn(here, email, PASSWORD).status()).isEqualTo(200);
			String requestHere = here.get("/api/v1/me").header("X-Request-Id");

			List<ApiClient.Response> exports = AtOnce.run(40, i -> {
				ApiClient tab = i % 2 == 0 ? here.on(port) : onOther.on(other.port());
				return () -> tab.get("/api/v1/me/export");
			});
			for (ApiClient.Response export : exports) {
				assertThat(export.status()).as(export.body()).isEqualTo(200);
				assertThat(export.body()).contains(requestHere, requestOnOther);
			}
		}
	}

	/** A node that shut down is not waited for (nor named as not answering) until it reports again. */
	@Test
	void anExportDoesNotWaitForANodeThatShutDown() throws IOException {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);
		String stoppedNode;
		try (SecondNode other = SecondNode.of(environment, SAME)) {
			stoppedNode = other.bean(LogNodes.class).self();
		}
		assertThat(nodes.all()).filteredOn(node -> node.id().equals(stoppedNode)).singleElement()
				.satisfies(node -> assertThat(node.stopped()).isTrue());
		ApiClient here = client();
		assertThat(signIn(here, email, PASSWORD).status()).isEqualTo(200);

		String export = here.get("/api/v1/me/export").body();

		assertThat(export).doesNotContain("server-logs-node-unanswered");
		assertThat(jdbc.sql("SELECT COUNT(*) FROM serverlogs_tasks WHERE node_id = :node").param("node", stoppedNode)
				.query(Integer.class).single()).as("nothing asked of it").isZero();
	}

	@Test
	void anExportSaysWhichLiveNodeDidNotAnswerInTime() {
		String email = randomEmail();
		registerAndVerify(client(), mailbox, email);
		String ghost = "ghost-" + System.nanoTime();
		jdbc.sql("""
				INSERT INTO serverlogs_nodes (node_id, started_at, heartbeat_at, files, readable)
				VALUES (:node, :now, :now, 0, TRUE)""").param("node", ghost)
				.param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
		try {
			ApiClient here = client();
			assertThat(signIn(here, email, PASSWORD).status()).isEqualTo(200);
			String export = here.get("/api/v1/me/export").body();

			assertThat(export).contains("server-logs-node-unanswered", ghost);
			assertThat(jdbc.sql("SELECT COUNT(*) FROM serverlogs_tasks WHERE node_id = :node").param("node", ghost)
					.query(Integer.class).single()).as("the unanswered request is withdrawn").isZero();
		}
		finally {
			jdbc.sql("DELETE FROM serverlogs_nodes WHERE node_id = :node").param("node", ghost).update();
		}
	}

	@Test
	void anErasureOnOneNodeIsDoneByTheOtherAtOnceAndByADownNodeBeforeItServesAgain() throws IOException {
		String running = randomEmail();
		String down = randomEmail();
		registerAndVerify(client(), mailbox, running);
		registerAndVerify(client(), mailbox, down);
		String runningAddress = randomAddress();
		String downAddress = randomAddress();
		Path downLogs;
		try (SecondNode other = SecondNode.of(environment, SAME)) {
			for (String[] person : new String[][] { { running, runningAddress }, { down, downAddress } }) {
				ApiClient onOther = new ApiClient(other.port()).from(person[1]);
				assertThat(signIn(onOther, person[0], PASSWORD).status()).isEqualTo(200);
				onOther.get("/api/v1/me");
			}
			await().until(() -> logText(other.logs()).contains(runningAddress) && logText(other.logs()).contains(downAddress));

			erase(running);

			await().atMost(Duration.ofSeconds(10)).until(() -> !logText(other.logs()).contains(runningAddress));
			assertThat(logText(other.logs())).contains(downAddress);
			downLogs = other.logs();
			jdbc.sql("DELETE FROM serverlogs_nodes WHERE node_id <> :self").param("self", nodes.self()).update();
			jdbc.sql("INSERT INTO serverlogs_nodes (node_id, started_at, heartbeat_at, files, readable) "
					+ "VALUES (:node, :now, :now, 0, TRUE)").param("node", other.bean(LogNodes.class).self())
					.param("now", clock.instant().atOffset(ZoneOffset.UTC)).update();
		}

		erase(down); // the other node is down now
		clock.advance(Duration.ofMinutes(2));
		assertThat(check.check(clock.instant()).passed()).isFalse();
		assertThat(check.check(clock.instant()).evidence()).contains("has not confirmed 1 erasures");
		assertThat(logText(downLogs)).contains(downAddress);

		try (SecondNode returned = SecondNode.of(environment, SAME, downLogs)) {
			// Done before the node served its first request: nothing to wait for.
			assertThat(logText(downLogs)).doesNotContain(downAddress);
			assertThat(check.check(clock.instant()).passed()).as(check.check(clock.instant()).evidence()).isTrue();
		}
	}

	@Test
	void theCheckNamesANodeThatHoldsALogFilePastTheRetention() {
		String old = "old-files-" + System.nanoTime();
		jdbc.sql("""
				INSERT INTO serverlogs_nodes (node_id, started_at, heartbeat_at, files, oldest_day, readable)
				VALUES (:node, :now, :now, 3, :day, TRUE)""").param("node", old)
				.param("now", clock.instant().atOffset(ZoneOffset.UTC))
				.param("day", LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).minusDays(62)).update();
		try {
			assertThat(check.check(clock.instant()).passed()).isFalse();
			assertThat(check.check(clock.instant()).evidence()).contains("node " + old + " holds log files of");
		}
		finally {
			jdbc.sql("DELETE FROM serverlogs_nodes WHERE node_id = :node").param("node", old).update();
		}
		assertThat(check.check(clock.instant()).passed()).as(check.check(clock.instant()).evidence()).isTrue();
	}

	private void erase(String email) {
		ApiClient person = client();
		assertThat(signIn(person, email, PASSWORD).status()).isEqualTo(200);
		assertThat(person.post("/api/v1/me/erasure", Map.of("password", PASSWORD)).status()).isEqualTo(204);
	}

	private static String logText(Path directory) {
		try {
			List<String> lines = new ArrayList<>();
			for (Path file : LogFiles.accessLog(directory)) {
				lines.addAll(LogFiles.readLines(file));
			}
			return String.join("\n", lines);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
