package eu.pledge.accounts;

import java.time.Instant;

import eu.pledge.shared.AccountId;

/**
 * Someone asked Pledge to mail an address: a password-reset link, a registration's verification link, or that
 * link again. Published for every such request, whether or not the address has an account (the person asking is
 * never told), so that Secure Patrol can count floods of them. Carries no address; {@code account} is the account
 * the request concerns when there is one (null for an address without an account), so that what Patrol records
 * of it is the person's to see and goes with their erasure.
 */
public record AccountMailRequested(Kind kind, AccountId account, Instant occurredAt) {

	public enum Kind {
		/** A password-reset link asked for. */
		PASSWORD_RESET,
		/** A registration: a new account, or an address already registered and verified (told so by mail). */
		REGISTRATION,
		/** A registration of an address registered but not verified: the verification mail again. */
		VERIFICATION
	}
}
