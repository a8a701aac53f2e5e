package eu.pledge.protection;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Service;

/**
 * Site-wide decisions, made by Secure Patrol for a bounded time and kept in the database beside the decisions against
 * addresses (one id space: administrators list and lift them with the others through {@link Decisions}), so every
 * node sharing the database enforces them:
 * <ul>
 * <li>a sign-in challenge: while it is in force, a sign-in from an address the account has not recently signed in
 * from must answer a {@link Questions question};</li>
 * <li>a switched-off {@link Feature}: refused at the web edge until the decision ends.</li>
 * </ul>
 * Neither holds personal data, and neither is ever served to a CrowdSec bouncer.
 */
@Service
public class Switches {

	/** What a site-wide switch can turn off. */
	public enum Feature {
		REGISTRATION("Registration"), PASSWORD_RESET("Password reset"), CONTACT("The contact form");

		private final String label;

		Feature(String label) {
			this.label = label;
		}

		/** Its name in the database and in configuration: {@code registration}, {@code password-reset}, … */
		public String value() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		/** Its name in a sentence a person reads. */
		public String label() {
			return label;
		}
	}

	/** The feature a sign-in challenge is stored under. */
	static final String SIGN_IN = "sign-in";

	private final Decisions decisions;
	private final SwitchView view;
	private final KnownAddresses known;
	private final DecisionRecords records;
	private final ProtectionProperties properties;
	private final Clock clock;

	Switches(Decisions decisions, SwitchView view, KnownAddresses known, DecisionRecords records,
			ProtectionProperties properties, Clock clock) {
		this.decisions = decisions;
		this.view = view;
		this.known = known;
		this.records = records;
		this.properties = properties;
		this.clock = clock;
	}

	/**
	 * Challenges sign-ins for {@code duration} (at most {@code record-lifetime}); deciding again while one is in force
	 * extends it, never shortens it.
	 */
	public Decision challengeSignIns(Duration duration, String scenario, String origin) {
		return decisions.decide(Decision.Type.CHALLENGE, new ClientAddress(SIGN_IN), 0, duration, scenario, origin);
	}

	/** Switches {@code feature} off for {@code duration} (at most {@code record-lifetime}). */
	public Decision switchOff(Feature feature, Duration duration, String scenario, String origin) {
		return decisions.decide(Decision.Type.SWITCH_OFF, new ClientAddress(feature.value()), 0, duration, scenario,
				origin);
	}

	/** Until when {@code feature} is off, if it is; cheap enough to ask on every request. */
	public Optional<Instant> offUntil(Feature feature) {
		return view.until(Decision.Type.SWITCH_OFF, feature.value());
	}

	/** Whether sign-ins are being challenged: the sign-in form then shows the question. */
	public boolean challengesSignIns() {
		return view.until(Decision.Type.CHALLENGE, SIGN_IN).isPresent();
	}

	/**
	 * Whether a sign-in on {@code accountKey} from {@code address} must answer a question: a challenge is in force
	 * and the account has not recently signed in from this address (the owner at their usual place signs in as
	 * usual; a stranger cannot make an address known for an account he does not hold). Input that is no IP literal
	 * is challenged.
	 */
	public boolean challenges(String address, String accountKey) {
		if (!challengesSignIns()) {
			return false;
		}
		Optional<ClientAddress> client = ClientAddress.parse(address, properties.ipv6PrefixLength());
		return accountKey == null || accountKey.isBlank() || client.isEmpty()
				|| !known.isKnown(accountKey, client.get(), Timestamps.now(clock));
	}

	/** The site-wide decisions in force, oldest first, for the administrators' list. */
	public List<Decision> inForce() {
		return records.siteWide(Timestamps.now(clock));
	}
}
