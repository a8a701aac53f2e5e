package eu.pledge.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.virtualauthenticator.Credential;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import eu.pledge.accounts.PasskeyRefused;
import eu.pledge.testing.Browser;
import eu.pledge.testing.HttpTest;
import eu.pledge.testing.People;
import eu.pledge.testing.RecordedEvents;

/**
 * Passkeys in a real browser: Chromium's virtual authenticator (WebDriver's WebAuthn extension, the DevTools
 * WebAuthn domain underneath) with a platform authenticator that keeps discoverable credentials and verifies its
 * user. Pledge listens on a port chosen before the start so that {@code pledge.base-url}, and with it the origin
 * passkeys are accepted from, is the address the browser opens.
 */
@Import(RecordedEvents.class)
class PasskeyBrowserTests extends HttpTest {

	private static final int PORT = freePort();

	@DynamicPropertySource
	static void ownPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
		registry.add("pledge.base-url", () -> "http://localhost:" + PORT);
	}

	@Autowired
	RecordedEvents events;

	private Browser browser;
	private VirtualAuthenticator authenticator;

	@BeforeEach
	void openBrowser() throws Exception {
		browser = Browser.start(port);
		authenticator = ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(platform());
	}

	@AfterEach
	void closeBrowser() {
		if (browser != null) {
			browser.close();
		}
	}

	@Test
	void registerSignInWithoutPasswordThenAfterThePasswordThenRemove() {
		String email = signedIn();
		addPasskey("This laptop");
		assertThat(browser.page()).contains("is added").contains("This laptop");
		assertThat(authenticator.getCredentials()).hasSize(1);

		signOut();
		browser.clickAndWait(browser.id("passkey-sign-in"));
		browser.open("/account");
		assertThat(browser.page()).contains(email);

		signOut();
		browser.type("email", email);
		browser.type("password", People.PASSWORD);
		browser.clickAndWait(browser.find("form[action='/login'] button[type=submit]"));
		assertThat(browser.url()).endsWith("/login/second-factor");
		browser.clickAndWait(browser.id("passkey-second-factor"));
		browser.open("/account/security");
		assertThat(browser.page()).contains("This laptop");

		browser.clickAndWait(browser.find("#passkey-list form button"));
		assertThat(browser.page()).contains("The passkey is removed").doesNotContain("This laptop");
		signOut();
		// the authenticator still has it; Pledge does not
		browser.clickAndWait(browser.id("passkey-sign-in"));
		assertThat(browser.page()).contains("That passkey did not sign you in");
		assertThat(browser.url()).contains("/login");
	}

	@Test
	void passkeyOnlyStopsThePassword() {
		String email = signedIn();
		addPasskey("Key");
		browser.clickAndWait(browser.find("#passkey-only button"));
		assertThat(browser.page()).contains("Your password no longer signs you in");
		signOut();
		browser.type("email", email);
		browser.type("password", People.PASSWORD);
		browser.clickAndWait(browser.find("form[action='/login'] button[type=submit]"));
		assertThat(browser.page()).contains("signs in with a passkey only");
		browser.clickAndWait(browser.id("passkey-sign-in"));
		browser.open("/account");
		assertThat(browser.page()).contains(email);
	}

	@Test
	void anotherOriginCannotUseThePasskey() {
		String email = signedIn();
		addPasskey("Key");
		signOut();
		// the same server under another name: the browser itself will not use a passkey of "localhost" there
		browser.driver().get("http://127.0.0.1:" + port + "/login");
		browser.id("passkey-sign-in").click();
		browser.waitUntil(Duration.ofSeconds(10), b -> b.id("passkey-message").isDisplayed());
		assertThat(browser.id("passkey-message").getText()).isNotBlank();
		browser.driver().get("http://127.0.0.1:" + port + "/account");
		assertThat(browser.page()).doesNotContain(email);
	}

	@Test
	void aClonedAuthenticatorIsRefusedAndReported() {
		signedIn();
		addPasskey("Key");
		signOut();
		browser.clickAndWait(browser.id("passkey-sign-in"));
		signOut();
		Credential original = authenticator.getCredentials().get(0);
		assertThat(original.getSignCount()).isPositive();
		// a copy of the key whose counter is behind the original's
		((HasVirtualAuthenticator) browser.driver()).removeVirtualAuthenticator(authenticator);
		VirtualAuthenticator clone = ((HasVirtualAuthenticator) browser.driver()).addVirtualAuthenticator(platform());
		clone.addCredential(Credential.createResidentCredential(original.getId(), original.getRpId(),
				original.getPrivateKey(), original.getUserHandle(), 0));
		browser.clickAndWait(browser.id("passkey-sign-in"));
		assertThat(browser.page()).contains("That passkey did not sign you in");
		assertThat(events.of(PasskeyRefused.class)).anyMatch(r -> r.reason() == PasskeyRefused.Reason.CLONED);
	}

	private String signedIn() {
		String email = randomEmail();
		People.registerAndVerify(client(), mailbox, email);
		browser.open("/login");
		browser.type("email", email);
		browser.type("password", People.PASSWORD);
		browser.clickAndWait(browser.find("form[action='/login'] button[type=submit]"));
		return email;
	}

	private void addPasskey(String name) {
		browser.open("/account/security");
		browser.type("passkey-name", name);
		browser.type("passkey-password", People.PASSWORD);
		browser.clickAndWait(browser.find("#passkey-new button[type=submit]"));
		assertThat(browser.heading()).isEqualTo("Add a passkey");
		browser.clickAndWait(browser.id("passkey-create"));
	}

	private void signOut() {
		browser.open("/account/security");
		browser.clickAndWait(browser.find("form[action='/logout'] button"));
		assertThat(browser.driver().findElements(By.id("passkey-sign-in"))).isNotEmpty();
	}

	private static VirtualAuthenticatorOptions platform() {
		return new VirtualAuthenticatorOptions().setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
				.setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL).setHasResidentKey(true)
				.setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true);
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}
}
