package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import eu.pledge.privacy.spi.RetentionSettings;
import eu.pledge.protection.Admission.Verdict;
import eu.pledge.testing.MutableClock;
import eu.pledge.testing.TestClockConfiguration;

/**
 * The protection module alone (and the shared kernel): blocking needs no other module, so the test starts only
 * this one's beans. The retention numbers come from the privacy module; only the compliance check reads them.
 */
@ApplicationModuleTest
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
@ExtendWith(OutputCaptureExtension.class)
class AddressBlockTests {

	@MockitoBean
	RetentionSettings retentionSettings;

	@Autowired
	Protection protection;

	@Autowired
	MutableClock clock;

	@Test
	void blocksAnAddressAfterTwentyFailuresBeforeTheTwentyFirstCheck(CapturedOutput output) {
		String address = TestSubjects.ipv4();
		failOnManyAccounts(address, 19);
		assertThat(TestSubjects.admission(protection, address, TestSubjects.accountKey()).allowed()).isTrue();
		assertThat(protection.blockedFor(address)).isEmpty();

		protection.recordFailure(address, TestSubjects.accountKey());

		Admission refused = TestSubjects.admission(protection, address, TestSubjects.accountKey());
		assertThat(refused.verdict()).isEqualTo(Verdict.ADDRESS_BLOCKED);
		assertThat(refused.retryAfter()).isEqualTo(Duration.ofHours(1));
		assertThat(TestSubjects.admission(protection, address, null).verdict()).isEqualTo(Verdict.ADDRESS_BLOCKED);
		assertThat(protection.blockedFor(address)).contains(Duration.ofHours(1));
		assertThat(output).contains("Blocked a client address").doesNotContain(address);
	}

	@Test
	void countsFailuresWithoutAnAccountAgainstTheAddress() {
		String address = TestSubjects.ipv4();
		for (int i = 0; i < 20; i++) {
			protection.recordFailure(address, null);
		}
		assertThat(TestSubjects.admission(protection, address, null).verdict()).isEqualTo(Verdict.ADDRESS_BLOCKED);
	}

	@Test
	void forgetsFailuresOlderThanTheWindow() {
		String address = TestSubjects.ipv4();
		failOnManyAccounts(address, 19);
		clock.advance(Duration.ofMinutes(10));
		failOnManyAccounts(address, 19);
		assertThat(TestSubjects.admission(protection, address, null).allowed()).isTrue();
	}

	@Test
	void doublesTheBlockEachTimeTheSameAddressIsBlockedAgain() {
		String address = TestSubjects.ipv6();
		for (Duration expected : new Duration[] { Duration.ofHours(1), Duration.ofHours(2), Duration.ofHours(4) }) {
			failOnManyAccounts(address, 20);
			assertThat(TestSubjects.admission(protection, address, null).retryAfter()).isEqualTo(expected);
			clock.advance(expected);
			assertThat(TestSubjects.admission(protection, address, null).allowed()).isTrue();
		}
	}

	@Test
	void capsTheDoublingAtTheLongestBlock() {
		String address = TestSubjects.ipv4();
		for (int hours = 1; hours <= 16; hours *= 2) {
			failOnManyAccounts(address, 20);
			assertThat(TestSubjects.admission(protection, address, null).retryAfter()).isEqualTo(Duration.ofHours(hours));
			clock.advance(Duration.ofHours(hours));
		}
		failOnManyAccounts(address, 20);
		assertThat(TestSubjects.admission(protection, address, null).retryAfter()).isEqualTo(Duration.ofHours(24));
	}

	@Test
	void liftsABlockWhenItsTimeIsUp() {
		String address = TestSubjects.ipv4();
		failOnManyAccounts(address, 20);

		clock.advance(Duration.ofHours(1).minusSeconds(1));
		assertThat(TestSubjects.admission(protection, address, null).verdict()).isEqualTo(Verdict.ADDRESS_BLOCKED);
		assertThat(protection.blockedFor(address)).contains(Duration.ofSeconds(1));

		clock.advance(Duration.ofSeconds(1));
		assertThat(TestSubjects.admission(protection, address, null).allowed()).isTrue();
		assertThat(protection.blockedFor(address)).isEmpty();
	}

	@Test
	void blocksEveryAddressOfTheSameIpv6Subnet() {
		String subnet = TestSubjects.ipv6().replaceAll("::[0-9a-f]+$", "");
		failOnManyAccounts(subnet + "::1", 10);
		failOnManyAccounts(subnet.toUpperCase() + ":FFFF:0:0:9", 10);
		assertThat(protection.blockedFor(subnet + ":1234::77")).isPresent();
		assertThat(protection.blockedFor(TestSubjects.ipv6())).isEmpty();
	}

	@Test
	void ignoresAddressesThatAreNotIpLiterals() {
		for (String garbage : new String[] { "localhost", "example.com", "1.2.3", "300.1.1.1", "::1%eth0", "",
				"  ", "x".repeat(10_000) }) {
			protection.recordFailure(garbage, null);
			assertThat(TestSubjects.admission(protection, garbage, null).allowed()).isTrue();
			assertThat(protection.blockedFor(garbage)).isEmpty();
		}
		assertThat(protection.blockedFor(null)).isEmpty();
	}

	private void failOnManyAccounts(String address, int failures) {
		for (int i = 0; i < failures; i++) {
			protection.recordFailure(address, TestSubjects.accountKey());
		}
	}
}
