package eu.pledge;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The JVM the tests run in: Pledge's assertions on, H2's internal ones off (pom.xml says why). */
class TestJvmTests {

	@Test
	void pledgesAssertionsRunAndH2sDoNot() throws Exception {
		assertThat(PledgeApplication.class.desiredAssertionStatus()).isTrue();
		assertThat(Class.forName("org.h2.mvstore.RandomAccessStore").desiredAssertionStatus()).isFalse();
	}
}
