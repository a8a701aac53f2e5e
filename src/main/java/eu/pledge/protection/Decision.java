package eu.pledge.protection;

import java.time.Instant;

/**
 * A decision against a client address, in CrowdSec's terms: turn it away ({@link Type#BAN}) or ask it to prove
 * it is a person ({@link Type#CAPTCHA}) until {@code expiresAt}, unless lifted earlier. A site-wide decision
 * ({@link Type#siteWide()}, made through {@link Switches}) names a feature instead of an address and never reaches a
 * bouncer.
 *
 * @param id the decision's number, as bouncers see it
 * @param type what the decision asks of the edge
 * @param address the canonical address: an IPv4 literal or an IPv6 network prefix (personal data); for a site-wide
 *        decision the feature it concerns ({@code sign-in}, {@code registration}, …)
 * @param prefixLength 32 for IPv4; the prefix length an IPv6 decision covers; 0 for a site-wide decision
 * @param scenario why, in words a bouncer's log can show (a rule's name, never personal data)
 * @param origin who decided: {@code patrol}, {@code admin}, …
 * @param liftedAt when it was lifted or superseded before its end, or null
 */
public record Decision(long id, Type type, String address, int prefixLength, String scenario, String origin,
		Instant createdAt, Instant expiresAt, Instant liftedAt) {

	/** What a decision asks of the edge that enforces it. */
	public enum Type {
		BAN, CAPTCHA,
		/** Site-wide: sign-ins from addresses the account has not recently signed in from answer a question. */
		CHALLENGE,
		/** Site-wide: a feature is refused for a while. */
		SWITCH_OFF;

		/** Whether it concerns the whole site rather than one address: never served to a bouncer. */
		public boolean siteWide() {
			return this == CHALLENGE || this == SWITCH_OFF;
		}

		/** The name CrowdSec uses, and the database stores. */
		public String value() {
			return name().toLowerCase(java.util.Locale.ROOT);
		}

		static Type of(String value) {
			return valueOf(value.toUpperCase(java.util.Locale.ROOT));
		}
	}

	/** {@code Ip} for one IPv4 address, {@code Range} for an IPv6 prefix, {@code Site} for a site-wide decision. */
	public String scope() {
		return type.siteWide() ? "Site" : isRange() ? "Range" : "Ip";
	}

	/**
	 * The address as a bouncer matches it: an IPv4 literal, or the IPv6 prefix in CIDR notation; the feature of a
	 * site-wide decision.
	 */
	public String value() {
		return isRange() ? address + "/" + prefixLength : address;
	}

	/** In force at {@code now}: neither lifted nor past its end. */
	public boolean inForce(Instant now) {
		return liftedAt == null && expiresAt.isAfter(now);
	}

	private boolean isRange() {
		return address.indexOf(':') >= 0;
	}

	@Override
	public String toString() {
		return "Decision[" + id + " " + type.value() + " " + scenario + " until " + expiresAt
				+ (liftedAt != null ? ", lifted" : "") + "]";
	}
}
