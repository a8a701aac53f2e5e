package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import eu.pledge.privacy.spi.RetentionSettings;
import eu.pledge.protection.Admission.Verdict;
import eu.pledge.testing.MutableClock;
import eu.pledge.testing.TestClockConfiguration;

/** The protection module alone, as {@link AddressBlockTests}: throttling needs no other module. */
@ApplicationModuleTest
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
class AccountThrottleTests {

	@MockitoBean
	RetentionSettings retentionSettings;

	@Autowired
	Protection protection;

	@Autowired
	MutableClock clock;

	@Test
	void throttlesAnAccountAfterTenFailuresFromManyAddressesWithAGrowingWait() {
		String account = TestSubjects.accountKey();
		failFromManyAddresses(account, 9);
		assertThat(TestSubjects.admission(protection, TestSubjects.ipv4(), account).allowed()).isTrue();

		failFromManyAddresses(account, 1);
		assertThrottled(TestSubjects.admission(protection, TestSubjects.ipv4(), account), Duration.ofSeconds(1));

		for (Duration wait : new Duration[] { Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(8) }) {
			clock.advance(wait.dividedBy(2));
			assertThat(TestSubjects.admission(protection, TestSubjects.ipv6(), account).allowed()).isTrue();
			failFromManyAddresses(account, 1);
			assertThrottled(TestSubjects.admission(protection, TestSubjects.ipv6(), account), wait);
		}
	}

	@Test
	void forgetsAccountFailuresWhenTheirWindowLapses() {
		String account = TestSubjects.accountKey();
		failFromManyAddresses(account, 14);
		clock.advance(Duration.ofMinutes(15));
		assertThat(TestSubjects.admission(protection, TestSubjects.ipv4(), account).allowed()).isTrue();
		failFromManyAddresses(account, 9);
		assertThat(TestSubjects.admission(protection, TestSubjects.ipv4(), account).allowed()).isTrue();
	}

	@Test
	void neverThrottlesTheOwnerOnAKnownAddressWhileAttackersAre() {
		String account = TestSubjects.accountKey();
		String owner = TestSubjects.ipv4();
		protection.recordSuccess(owner, account);

		failFromManyAddresses(account, 20);

		assertThat(TestSubjects.admission(protection, TestSubjects.ipv4(), account).verdict()).isEqualTo(Verdict.THROTTLED);
		assertThat(TestSubjects.admission(protection, owner, account)).isEqualTo(Admission.ALLOWED);
		assertThat(TestSubjects.admission(protection, null, account).verdict()).isEqualTo(Verdict.THROTTLED);
	}

	@Test
	void appliesThePairLimitEvenToAKnownAddress() {
		String account = TestSubjects.accountKey();
		String owner = TestSubjects.ipv6();
		protection.recordSuccess(owner, account);
		for (int i = 0; i < 4; i++) {
			protection.recordFailure(owner, account);
		}
		assertThat(TestSubjects.admission(protection, owner, account).allowed()).isTrue();

		protection.recordFailure(owner, account);

		assertThrottled(TestSubjects.admission(protection, owner, account), Duration.ofSeconds(1));
		assertThat(TestSubjects.admission(protection, TestSubjects.ipv4(), account).allowed()).isTrue();
		clock.advance(Duration.ofSeconds(1));
		protection.recordFailure(owner, account);
		assertThrottled(TestSubjects.admission(protection, owner, account), Duration.ofSeconds(2));
	}

	@Test
	void resetsOnlyThePairOnSuccess() {
		String account = TestSubjects.accountKey();
		String address = TestSubjects.ipv4();
		for (int i = 0; i < 4; i++) {
			protection.recordFailure(address, account);
		}
		protection.recordSuccess(address, account);
		for (int i = 0; i < 4; i++) {
			protection.recordFailure(address, account);
		}
		assertThat(TestSubjects.admission(protection, address, account).allowed()).isTrue();

		// Eight failures so far: two more from elsewhere reach the account limit despite the success.
		failFromManyAddresses(account, 2);
		assertThat(TestSubjects.admission(protection, TestSubjects.ipv4(), account).verdict()).isEqualTo(Verdict.THROTTLED);
	}

	@Test
	void keepsTheAccountThrottleWhenTheOwnerSignsIn() {
		String account = TestSubjects.accountKey();
		failFromManyAddresses(account, 12);
		protection.recordSuccess(TestSubjects.ipv4(), account);
		assertThrottled(TestSubjects.admission(protection, TestSubjects.ipv4(), account), Duration.ofSeconds(4));
	}

	@Test
	void keepsTheAddressCounterWhenTheAttackerSignsIntoHisOwnAccount() {
		String attacker = TestSubjects.ipv4();
		for (int i = 0; i < 19; i++) {
			protection.recordFailure(attacker, TestSubjects.accountKey());
		}
		protection.recordSuccess(attacker, TestSubjects.accountKey());
		protection.recordFailure(attacker, TestSubjects.accountKey());
		assertThat(TestSubjects.admission(protection, attacker, null).verdict()).isEqualTo(Verdict.ADDRESS_BLOCKED);
	}

	@Test
	void countsAccountFailuresFromAddressesThatAreNotIpLiterals() {
		String account = TestSubjects.accountKey();
		for (int i = 0; i < 10; i++) {
			protection.recordFailure("not-an-address", account);
		}
		assertThat(TestSubjects.admission(protection, "not-an-address", account).verdict()).isEqualTo(Verdict.THROTTLED);
	}

	private void failFromManyAddresses(String account, int failures) {
		for (int i = 0; i < failures; i++) {
			protection.recordFailure(i % 2 == 0 ? TestSubjects.ipv4() : TestSubjects.ipv6(), account);
		}
	}

	private static void assertThrottled(Admission admission, Duration wait) {
		assertThat(admission.verdict()).isEqualTo(Verdict.THROTTLED);
		assertThat(admission.retryAfter()).isEqualTo(wait);
	}
}
