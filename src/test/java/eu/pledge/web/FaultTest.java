package eu.pledge.web;

import org.junit.jupiter.api.AfterEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;

import eu.pledge.testing.HttpTest;
import eu.pledge.testing.UnreachableDatabase;

/**
 * Base of the tests that break something on purpose ({@link Faults}): the database can be
 * {@link UnreachableDatabase cut off}, and a request carrying {@value #FAULT} fails in a servlet filter.
 * Hikari's connection timeout is short here, so a refused request comes quickly. Subclasses share one
 * application context.
 */
@Import(Faults.class)
@TestPropertySource(properties = { "spring.datasource.hikari.connection-timeout=" + FaultTest.CONNECTION_TIMEOUT_MILLIS,
		"spring.datasource.hikari.validation-timeout=500" })
abstract class FaultTest extends HttpTest {

	static final String FAULT = "X-Test-Fault";
	static final long CONNECTION_TIMEOUT_MILLIS = 1000;

	@Autowired
	UnreachableDatabase database;

	@AfterEach
	void databaseBack() {
		database.restore();
	}
}
