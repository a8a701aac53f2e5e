package eu.pledge.protection;

import eu.pledge.shared.AccountId;

/**
 * One sign-in attempt from its admission to its outcome. An admitted attempt counts as pending against every
 * limit it is subject to until it is decided, so that attempts arriving together cannot all pass a limit that
 * each of them alone would respect. Decide it exactly once: {@link #failed()}, {@link #succeeded(AccountId)}, or
 * {@link #close()} when it ends undecided (the password was right but a second factor is still to come, or
 * the check could not be made). Closing a decided or refused attempt does nothing, so try-with-resources is
 * the safe way to hold one.
 */
public final class Attempt implements AutoCloseable {

	private final Protection protection;
	private final Admission admission;
	private final ClientAddress address;
	private final String accountKey;
	private final boolean accountCounted;
	private boolean open;

	Attempt(Protection protection, Admission admission, ClientAddress address, String accountKey,
			boolean accountCounted) {
		this.protection = protection;
		this.admission = admission;
		this.address = address;
		this.accountKey = accountKey;
		this.accountCounted = accountCounted;
		this.open = admission.allowed();
	}

	/** Whether the attempt may go on to the credential check, and if not, why and for how long. */
	public Admission admission() {
		return admission;
	}

	/** The credentials were wrong: counts the failure against the address, the account and the pair. */
	public void failed() {
		decide();
		protection.failed(address, accountKey, true, accountCounted);
	}

	/**
	 * The owner of {@code account} signed in: remembers the address as theirs and forgets the pair's failures.
	 *
	 * @return false when the account was erased while its credentials were checked (nothing is remembered; the
	 * caller must not let anyone in)
	 */
	public boolean succeeded(AccountId account) {
		if (accountKey == null || account == null) {
			throw new IllegalStateException("A successful sign-in needs the account and its key");
		}
		decide();
		return protection.succeeded(address, accountKey, true, accountCounted, account);
	}

	/** Ends the attempt without counting it either way, unless it was decided already. */
	@Override
	public void close() {
		if (open) {
			open = false;
			protection.abandoned(address, accountKey, accountCounted);
		}
	}

	private void decide() {
		if (!open) {
			throw new IllegalStateException(admission.allowed() ? "This attempt was decided already"
					: "A refused attempt cannot be decided");
		}
		open = false;
	}

	@Override
	public String toString() {
		return "Attempt[" + admission.verdict() + (open ? ", pending]" : "]");
	}
}
