package eu.pledge.privacy.compliance;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;

import eu.pledge.PledgeApplication;

/** {@code verify} starts Pledge on a random loopback port with the sweeper off; other starts are untouched. */
class VerifyArgumentsTests {

	@Test
	void verifyRunsOnALoopbackPortWithoutTheSweeper() throws Exception {
		assertThat(arguments("verify", "--pledge.data-dir=/tmp/x")).containsExactly("verify", "--pledge.data-dir=/tmp/x",
				"--server.port=0", "--server.address=127.0.0.1", "--pledge.privacy.sweeper-enabled=false");
		assertThat(arguments("--server.port=9090")).containsExactly("--server.port=9090");
	}

	private static String[] arguments(String... args) throws Exception {
		Method arguments = PledgeApplication.class.getDeclaredMethod("arguments", String[].class);
		arguments.setAccessible(true);
		return (String[]) arguments.invoke(null, (Object) args);
	}
}
