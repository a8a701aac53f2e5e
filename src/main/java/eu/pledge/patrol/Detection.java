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
 */
record Detection(Point point, String address, AccountId account, String system, String detail, Instant occurredAt) {

	static final String PLEDGE = "pledge";

	@Override
	public String toString() {
		return "Detection[" + point.id() + " in " + system + ", account=" + account + "]";
	}
}
