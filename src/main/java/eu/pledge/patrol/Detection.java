package eu.pledge.patrol;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/**
 * One detection point hit, as a sensor saw it.
 *
 * @param point what was seen
 * @param address the client address as the web edge derived it (personal data), or null
 * @param account the account it concerns, or null
 * @param system {@code pledge}, or the vendor's system that reported it
 * @param detail a short code or path (never a value the client sent in a body), or null
 * @param session a pseudonym of the session it happened in (a hash, never the session id itself), or null
 */
record Detection(Point point, String address, AccountId account, String system, String detail, Instant occurredAt,
		String session) {

	static final String PLEDGE = "pledge";

	/** Outside a session. */
	Detection(Point point, String address, AccountId account, String system, String detail, Instant occurredAt) {
		this(point, address, account, system, detail, occurredAt, null);
	}

	@Override
	public String toString() {
		return "Detection[" + point.id() + " in " + system + ", account=" + account + "]";
	}
}
