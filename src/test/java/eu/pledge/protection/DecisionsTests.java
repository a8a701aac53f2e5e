package eu.pledge.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import eu.pledge.protection.Decision.Type;
import eu.pledge.testing.ApiClient;
import eu.pledge.testing.AtOnce;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.SecondNode;

/** Decisions against addresses: enforced at the edge at once, one in force per address, ended on time. */
class DecisionsTests extends HttpTest {

	@Autowired
	Decisions decisions;

	@Autowired
	ProtectionProperties properties;

	@Autowired
	ExpiredRecords expired;

	@Autowired
	JdbcClient jdbc;

	@Test
	void aBanTurnsTheAddressAwayAtTheEdgeUntilItIsLifted() {
		String address = randomAddress();
		ApiClient banned = new ApiClient(port).from(address);
		assertThat(banned.get("/").status()).isEqualTo(200);

		Decision ban = decisions.decide(Type.BAN, address, Duration.ofMinutes(10), "test-scenario", "admin");

		ApiClient.Response refused = banned.get("/api/v1/me");
		assertThat(refused.status()).isEqualTo(429);
		assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(590L, 600L);
		assertThat(client().get("/").status()).isEqualTo(200); // another address

		assertThat(decisions.lift(ban.id())).isTrue();
		assertThat(decisions.lift(ban.id())).isFalse(); // once
		assertThat(banned.get("/").status()).isEqualTo(200);
	}

	@Test
	void fortyDecisionsAtOnceLeaveOneInForce() throws Exception {
		String address = randomAddress();
		List<Long> ids = AtOnce.times(40,
				() -> decisions.decide(Type.BAN, address, Duration.ofMinutes(10), "test-scenario", "patrol").id());
		assertThat(ids).containsOnly(ids.get(0));
		assertThat(decisions.inForce()).filteredOn(d -> d.address().equals(address)).hasSize(1);
	}

	@Test
	void aLongerDecisionReplacesTheShorterAndTheStreamSeesBoth() {
		String address = randomAddress();
		Instant t0 = clock.instant();
		clock.advance(Duration.ofSeconds(1));
		Decision first = decisions.decide(Type.BAN, address, Duration.ofMinutes(10), "test-scenario", "patrol");
		assertThat(decisions.decide(Type.BAN, address, Duration.ofMinutes(5), "test-scenario", "patrol"))
				.isEqualTo(first); // shorter: the one in force stands
		clock.advance(Duration.ofSeconds(1));
		Instant t1 = clock.instant();
		assertThat(decisions.changes(t0, t1).started()).extracting(Decision::id).contains(first.id());

		clock.advance(Duration.ofSeconds(1));
		Decision second = decisions.decide(Type.BAN, address, Duration.ofMinutes(30), "test-scenario", "patrol");
		clock.advance(Duration.ofSeconds(1));
		Decisions.Changes changes = decisions.changes(t1, clock.instant());
		assertThat(changes.started()).extracting(Decision::id).contains(second.id()).doesNotContain(first.id());
		assertThat(changes.ended()).extracting(Decision::id).contains(first.id()).doesNotContain(second.id());
		assertThat(decisions.inForce()).filteredOn(d -> d.address().equals(address)).extracting(Decision::id)
				.containsExactly(second.id());
	}

	@Test
	void aDecisionCommittedJustAfterAReaderLookedIsInTheReadersNextWindow() {
		Decision late = decisions.decide(Type.BAN, randomAddress(), Duration.ofMinutes(10), "test-scenario", "patrol");
		// The reader looked a second after the decision was stamped, before its transaction committed, so it did not
		// see it then; its next window starts at that look.
		clock.advance(Duration.ofSeconds(2));
		Instant looked = late.createdAt().plusSeconds(1);
		assertThat(decisions.changes(looked, clock.instant()).started()).extracting(Decision::id).contains(late.id());
		decisions.lift(late.id());
		assertThat(decisions.changes(looked, clock.instant()).ended()).extracting(Decision::id).contains(late.id());
	}

	@Test
	void aDecisionEndsOnTimeAndIsThenDeleted() {
		String address = randomAddress();
		Decision ban = decisions.decide(Type.BAN, address, Duration.ofMinutes(5), "test-scenario", "patrol");
		Instant before = clock.instant();
		assertThat(new ApiClient(port).from(address).get("/").status()).isEqualTo(429);

		clock.advance(Duration.ofMinutes(5).plusSeconds(1));
		assertThat(new ApiClient(port).from(address).get("/").status()).isEqualTo(200);
		assertThat(decisions.changes(before, clock.instant()).ended()).extracting(Decision::id).contains(ban.id());

		expired.purge();
		assertThat(decisions.find(ban.id())).isEmpty();
		assertThat(jdbc.sql("SELECT COUNT(*) FROM protection_decision_locks WHERE address = :a").param("a", address)
				.query(Long.class).single()).isZero();
	}

	@Test
	void anIpv6DecisionCoversItsNetworkPrefix() {
		Decision ban = decisions.decide(Type.BAN, "2001:db8:7:9:1:2:3:4", Duration.ofMinutes(10), "test-scenario",
				"patrol");
		assertThat(ban.scope()).isEqualTo("Range");
		assertThat(ban.value()).isEqualTo("2001:db8:7:9:0:0:0:0/" + properties.ipv6PrefixLength());
		assertThat(new ApiClient(port).from("2001:db8:7:9:ffff::1").get("/").status()).isEqualTo(429);
		assertThat(new ApiClient(port).from("2001:db8:7:a::1").get("/").status()).isEqualTo(200);
		decisions.lift(ban.id());
	}

	@Test
	void aCaptchaDecisionDoesNotTurnTheAddressAway() {
		String address = randomAddress();
		Decision captcha = decisions.decide(Type.CAPTCHA, address, Duration.ofMinutes(10), "test-scenario", "patrol");
		assertThat(captcha.scope()).isEqualTo("Ip");
		assertThat(captcha.value()).isEqualTo(address);
		assertThat(new ApiClient(port).from(address).get("/").status()).isEqualTo(200);
	}

	@Test
	void refusesWhatNoDecisionMayHoldWithoutQuotingTheAddress() {
		assertThatThrownBy(() -> decisions.decide(Type.BAN, "not-an-address", Duration.ofMinutes(1), "s", "o"))
				.isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("not-an-address");
		String address = randomAddress();
		assertThatThrownBy(() -> decisions.decide(Type.BAN, address, properties.recordLifetime().plusSeconds(1), "s",
				"o")).isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining(address);
		assertThatThrownBy(() -> decisions.decide(Type.BAN, address, Duration.ZERO, "s", "o"))
				.isInstanceOf(IllegalArgumentException.class);
		assertThatThrownBy(() -> decisions.decide(Type.BAN, address, Duration.ofMinutes(1), " ", "o"))
				.isInstanceOf(IllegalArgumentException.class);
		assertThat(decisions.inForce()).noneMatch(d -> d.address().equals(address));
	}

	@Test
	void aBanMadeOnOneNodeIsEnforcedOnTheOtherAndALiftToo() throws Exception {
		String address = randomAddress();
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			ApiClient here = new ApiClient(port).from(address);
			ApiClient there = new ApiClient(other.port()).from(address);
			assertThat(here.get("/").status()).isEqualTo(200);

			Decision ban = other.bean(Decisions.class).decide(Type.BAN, address, Duration.ofMinutes(10), "test-scenario",
					"patrol");
			assertThat(there.get("/").status()).isEqualTo(429);
			clock.advance(properties.blockRefresh()); // this node reloads its view at most this often
			assertThat(here.get("/").status()).isEqualTo(429);

			assertThat(decisions.lift(ban.id())).isTrue();
			assertThat(here.get("/").status()).isEqualTo(200);
			await().atMost(properties.blockRefresh().plusSeconds(2)).until(() -> there.get("/").status() == 200);
		}
	}

	@Test
	void aDecisionMadeOrLiftedHereShowsAtOnceInTheAnswerFromMemory() {
		String address = randomAddress();
		assertThat(decisions.inForceAsSeenHere(address)).isEmpty(); // the view is fresh now: no look before a refresh
		Decision captcha = decisions.decide(Type.CAPTCHA, address, Duration.ofMinutes(10), "test-scenario", "patrol");
		assertThat(decisions.inForceAsSeenHere(address)).extracting(Decision::id).containsExactly(captcha.id());
		Decision ban = decisions.decide(Type.BAN, address, Duration.ofMinutes(10), "test-scenario", "patrol");
		assertThat(decisions.inForceAsSeenHere(address)).extracting(Decision::id)
				.containsExactlyInAnyOrder(captcha.id(), ban.id());

		decisions.lift(captcha.id());
		decisions.lift(ban.id());
		assertThat(decisions.inForceAsSeenHere(address)).isEmpty();
		assertThat(decisions.inForceAsSeenHere("not-an-address")).isEmpty();
	}

	@Test
	void aDecisionMadeOnAnotherNodeShowsInTheAnswerFromMemoryWithinTheRefresh() throws Exception {
		String banned = randomAddress();
		String asked = randomAddress();
		try (SecondNode other = SecondNode.of(environment, Map.of())) {
			assertThat(decisions.inForceAsSeenHere(banned)).isEmpty(); // this node's view is fresh now
			Decisions there = other.bean(Decisions.class);
			Decision ban = there.decide(Type.BAN, banned, Duration.ofMinutes(10), "test-scenario", "patrol");
			Decision captcha = there.decide(Type.CAPTCHA, asked, Duration.ofMinutes(10), "test-scenario", "patrol");
			assertThat(decisions.inForceFor(asked)).extracting(Decision::id).containsExactly(captcha.id());
			assertThat(decisions.inForceAsSeenHere(asked)).isEmpty(); // not yet looked for: the promised staleness

			clock.advance(properties.blockRefresh());
			assertThat(decisions.inForceAsSeenHere(asked)).extracting(Decision::id).containsExactly(captcha.id());
			assertThat(decisions.inForceAsSeenHere(banned)).extracting(Decision::id).containsExactly(ban.id());

			there.lift(captcha.id()); // this node may still hold the address: the database answers
			there.lift(ban.id());
			assertThat(decisions.inForceAsSeenHere(asked)).isEmpty();
			assertThat(decisions.inForceAsSeenHere(banned)).isEmpty();
		}
	}

	@Test
	void liftingACaptchaLeavesTheBanOnTheSameAddress() {
		String address = randomAddress();
		Decision ban = decisions.decide(Type.BAN, address, Duration.ofMinutes(30), "test-scenario", "patrol");
		Decision captcha = decisions.decide(Type.CAPTCHA, address, Duration.ofMinutes(10), "test-scenario", "patrol");
		ApiClient client = new ApiClient(port).from(address);
		// Two looks more than OVERLAP apart: the view holds the ban from the first, and reads it no more after it
		clock.advance(Decisions.OVERLAP.plusSeconds(1));
		assertThat(client.get("/").status()).isEqualTo(429);
		clock.advance(Decisions.OVERLAP.plusSeconds(1));
		assertThat(client.get("/").status()).isEqualTo(429);

		assertThat(decisions.lift(captcha.id())).isTrue();
		assertThat(client.get("/").status()).isEqualTo(429);
		assertThat(decisions.inForceAsSeenHere(address)).extracting(Decision::id).containsExactly(ban.id());
		assertThat(decisions.lift(ban.id())).isTrue();
		assertThat(client.get("/").status()).isEqualTo(200);
	}
}
