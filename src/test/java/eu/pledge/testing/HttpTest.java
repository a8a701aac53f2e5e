package eu.pledge.testing;

import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

/**
 * Base of the tests that meet Pledge the way its users do: a real server on a random port, real SMTP into a
 * GreenMail server in the test JVM, and a movable clock. Loopback is a trusted proxy here, so a test can
 * speak from any client address with {@link ApiClient#from(String)}. Subclasses share one application
 * context, so each test uses fresh random emails and addresses.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
@Import(TestClockConfiguration.class)
public abstract class HttpTest {

	protected static final GreenMail SMTP = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

	static {
		SMTP.start();
	}

	@DynamicPropertySource
	static void mail(DynamicPropertyRegistry registry) {
		registry.add("spring.mail.host", () -> "127.0.0.1");
		registry.add("spring.mail.port", () -> SMTP.getSmtp().getPort());
		registry.add("pledge.web.trusted-proxies", () -> "127.0.0.1/32,::1/128");
	}

	@LocalServerPort
	protected int port;

	@Autowired
	protected MutableClock clock;

	/** This node's settings, from which a test starts a second node ({@code SecondNode.of(environment, …)}). */
	@Autowired
	protected org.springframework.core.env.Environment environment;

	protected final Mailbox mailbox = new Mailbox(SMTP);

	@BeforeEach
	void resetClock() {
		clock.set(java.time.Instant.now());
	}

	protected ApiClient client() {
		return new ApiClient(port).from(randomAddress());
	}

	/** A fresh account, registered and confirmed through the mailed link, signed in on {@code client}. */
	protected String signedInAccount(ApiClient client) {
		String email = randomEmail();
		People.registerAndVerify(client, mailbox, email);
		People.signIn(client, email, People.PASSWORD);
		return email;
	}

	protected static String randomEmail() {
		return "p-" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
	}

	/** A random address from the documentation range 198.18.0.0/15 (benchmarking networks). */
	protected static String randomAddress() {
		java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
		return "198." + (18 + random.nextInt(2)) + "." + random.nextInt(256) + "." + (1 + random.nextInt(254));
	}
}
