package eu.pledge.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.shared.AuditEntry;
import eu.pledge.shared.Auditable;
import eu.pledge.testing.People;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.HttpTest;

/** The audit tests' context: a bootstrap administrator, and maintenance that runs only when a test says so. */
@TestPropertySource(properties = { "pledge.bootstrap.admin-email=" + AuditHttpTest.ADMIN,
		"pledge.bootstrap.admin-password=" + AuditHttpTest.ADMIN_PASSWORD, "pledge.audit.maintenance-interval=1d" })
abstract class AuditHttpTest extends HttpTest {

	static final String ADMIN = "audit-admin@pledge.example";
	static final String ADMIN_PASSWORD = "the audit administrators passphrase";

	@Autowired
	JdbcClient jdbc;

	@Autowired
	ApplicationEventPublisher publisher;

	ApiClient admin() {
		ApiClient admin = client();
		assertThat(People.signIn(admin, ADMIN, ADMIN_PASSWORD).status()).isEqualTo(200);
		return admin;
	}

	List<Map<String, Object>> rows(String where, Object... params) {
		JdbcClient.StatementSpec statement = jdbc.sql("SELECT * FROM audit_events WHERE " + where + " ORDER BY id");
		for (int i = 0; i < params.length; i++) {
			statement = statement.param(i + 1, params[i]);
		}
		return statement.query().listOfRows();
	}

	/** Some module's fact, as far as the audit trail can tell. */
	record Fact(AuditEntry entry) implements Auditable {
		@Override
		public AuditEntry auditEntry() {
			return entry;
		}
	}

	static Fact fact(String action, String targetId) {
		return new Fact(new AuditEntry(null, action, "thing", targetId, AuditEntry.Outcome.SUCCESS, Map.of("code", "x1")));
	}
}
