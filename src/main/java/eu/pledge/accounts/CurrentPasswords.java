package eu.pledge.accounts;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import eu.pledge.protection.Attempt;
import eu.pledge.protection.Protection;
import eu.pledge.shared.Rejected;

/**
 * Checks the password (and, for a re-authentication, the second factor) a signed-in person gives to change a
 * credential or erase the account. Each check is a sign-in attempt to brute-force protection, counted under
 * the same address, account and pair limits: a stolen session must not be a way to guess the password
 * (ASVS 2.2.1). A wrong answer counts as a failure even though the request's own transaction rolls back.
 * <p>
 * A check runs outside any transaction, and the caller writes what follows in a transaction of its own: the
 * sign-in gate takes a connection of its own for each attempt, and a caller that held one meanwhile (while the
 * attempt also waits its turn and hashes) would let forty such requests at once take every connection of the
 * pool, so that nothing on the node, the attempts included, could get one (503 for everyone).
 */
@Component
class CurrentPasswords {

	/** Longer input is no password (the policy's maximum is far below) and is not worth hashing. */
	private static final int MAX_LENGTH = 4096;

	private final Protection protection;
	private final PasswordHasher hasher;

	CurrentPasswords(Protection protection, PasswordHasher hasher) {
		this.protection = protection;
		this.hasher = hasher;
	}

	/** Checks the account's password, then {@code more} (e.g. a TOTP code), which may throw {@link Rejected}. */
	void check(StoredAccount account, String candidate, String field, String wrongMessage, Runnable more) {
		if (TransactionSynchronizationManager.isActualTransactionActive()) {
			throw new IllegalStateException("A current password is checked outside any transaction");
		}
		try (Attempt attempt = protection.begin(clientAddress(), account.emailIndex())) {
			if (!attempt.admission().allowed()) {
				long seconds = attempt.admission().retryAfterSeconds();
				throw Rejected.tooManyAttempts(field, seconds);
			}
			if (candidate == null || candidate.length() > MAX_LENGTH || !hasher.matches(candidate, account.passwordHash())) {
				attempt.failed();
				throw Rejected.badRequest(field, wrongMessage);
			}
			try {
				more.run();
			}
			catch (Rejected wrong) {
				attempt.failed();
				throw wrong;
			}
			if (!attempt.succeeded(account.accountId())) {
				// erased while the password was checked (the erasure form sent twice): as if it had been gone before
				throw Accounts.gone();
			}
		}
	}

	void check(StoredAccount account, String candidate, String field, String wrongMessage) {
		check(account, candidate, field, wrongMessage, () -> {
		});
	}

	/** The address the web edge derived for this request, or none outside a request. */
	private static String clientAddress() {
		if (RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes) {
			HttpServletRequest request = attributes.getRequest();
			return request.getRemoteAddr();
		}
		return null;
	}
}
