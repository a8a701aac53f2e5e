package eu.pledge.accounts;

import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.springframework.stereotype.Component;

import eu.pledge.shared.RecentChecks;

/**
 * The profiles this node read and decrypted a moment ago, reused for {@code pledge.accounts.recheck-after} (1 s by
 * default; {@code 0s} reads and decrypts on every call): {@code GET /api/v1/me}, the menu and single sign-on's
 * userinfo ask for the same person's profile many times a second, each a SELECT and six decryptions.
 * <ul>
 * <li><b>At most a second:</b> every write to an account's row on this node forgets its profile, now and once more
 * when the transaction completes ({@link AccountRepository}, erasure in {@link AccountData}); a change on another node
 * is seen within {@code recheck-after}.</li>
 * <li><b>Bounded, in memory only:</b> at most {@value RecentChecks#MAX_ENTRIES} profiles per node; the name, email and
 * postal address in them stay in memory no longer than {@code recheck-after} (then the entry is read again or
 * dropped when the map starts afresh), and are never written anywhere.</li>
 * </ul>
 */
@Component
class RecentProfiles {

	private final RecentChecks<UUID, Profile> recent;

	RecentProfiles(AccountsProperties properties) {
		this.recent = new RecentChecks<>(properties.recheckAfter(), new AtomicLong(), profile -> profile.id().value());
	}

	Profile get(UUID id, Supplier<Profile> read) {
		return recent.get(id, read, profile -> true);
	}

	/** Account {@code id}'s row changed on this node. */
	void forget(UUID id) {
		recent.forgetThroughCommit(id);
	}

	/** Rows changed by a statement not about one account. */
	void forgetAll() {
		recent.forgetAllThroughCommit();
	}
}
