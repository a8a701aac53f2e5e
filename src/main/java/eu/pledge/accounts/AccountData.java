package eu.pledge.accounts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import eu.pledge.privacy.spi.ContactAddresses;
import eu.pledge.privacy.spi.DataStore;
import eu.pledge.privacy.spi.HeldItem;
import eu.pledge.privacy.spi.PersonalDataHolder;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Vault;

/**
 * The accounts module's personal data for the rights of access, portability and erasure: the profile
 * (identity), credentials (described, never handed out: a hash or a TOTP secret is a key, not information
 * about the person), pending links, and preferences. Erasure deletes the rows; the privacy module then
 * destroys the account's vault key, so any copy of the sealed values (backups) is unreadable.
 */
@Component
@Transactional
class AccountData implements PersonalDataHolder, ContactAddresses {

	private static final String PREFERENCES = "SELECT home_page, time_zone, updated_at FROM preferences WHERE account_id = :id";
	private static final String LINKS = """
			SELECT purpose, created_at, expires_at FROM account_tokens WHERE account_id = :id ORDER BY created_at""";
	private static final List<String> ERASE = List.of("DELETE FROM account_tokens WHERE account_id = :id",
			"DELETE FROM recovery_codes WHERE account_id = :id", "DELETE FROM preferences WHERE account_id = :id",
			"DELETE FROM account_name_tokens WHERE account_id = :id",
			"DELETE FROM accounts WHERE id = :id");

	private final AccountRepository accounts;
	private final Vault vault;
	private final JdbcClient jdbc;
	private final PasskeyStore passkeys;
	private final RecentProfiles recentProfiles;

	AccountData(AccountRepository accounts, Vault vault, JdbcClient jdbc, PasskeyStore passkeys,
			RecentProfiles recentProfiles) {
		this.recentProfiles = recentProfiles;
		this.passkeys = passkeys;
		this.accounts = accounts;
		this.vault = vault;
		this.jdbc = jdbc;
	}

	/** The profile as exported; the address with its own stable field names. */
	record ProfileData(String name, String email, PostalAddress address, String status, Instant registeredAt,
			Instant emailVerifiedAt, Instant lastSignInAt, Instant disabledAt) {
		@Override
		public String toString() {
			return "ProfileData[redacted]";
		}
	}

	/** What the credentials are, without the secrets themselves. */
	record CredentialData(String password, boolean secondFactor, long recoveryCodesLeft, Set<String> roles) {
	}

	/** A passkey as exported: its reference and name, never the credential id or the public key. */
	record PasskeyData(String reference, String name, String authenticator, long signCount, Instant createdAt,
			Instant lastUsedAt) {
	}

	record PreferencesData(String homePage, String timeZone, Instant updatedAt) {
	}

	record LinkData(String purpose, Instant createdAt, Instant expiresAt) {
	}

	@Override
	public List<DataStore> describe() {
		return List.of(new DataStore("identity", "table:accounts", null),
				new DataStore("identity", "table:vault_keys", null),
				new DataStore("identity", "table:account_name_tokens", null),
				new DataStore("credentials", "table:account_tokens", null),
				new DataStore("credentials", "table:recovery_codes", null),
				new DataStore("credentials", "table:passkeys", null),
				new DataStore("credentials", "table:passkey_users", null),
				new DataStore("credentials", "table:passkey_challenges", null),
				new DataStore("preferences", "table:preferences", null));
	}

	@Override
	@Transactional(readOnly = true)
	public List<HeldItem> export(AccountId id) {
		Optional<StoredAccount> found = accounts.find(id.value());
		if (found.isEmpty()) {
			return List.of();
		}
		StoredAccount account = found.get();
		List<HeldItem> items = new ArrayList<>();
		items.add(new HeldItem("identity", "profile", new ProfileData(vault.open(id, "name", account.name()),
				vault.open(id, "email", account.email()),
				new PostalAddress(vault.open(id, "street", account.street()),
						vault.open(id, "postal_code", account.postalCode()), vault.open(id, "city", account.city()),
						vault.open(id, "country", account.country())),
				account.status().toLowerCase(java.util.Locale.ROOT), account.createdAt(), account.verifiedAt(), account.lastSignInAt(),
				account.disabledAt()), null));
		items.add(new HeldItem("credentials", "credentials", new CredentialData(accounts.passkeyOnly(account.id())
				? "set, but turned off (passkey only); stored only as an Argon2id hash" : "set; stored only as an Argon2id hash",
				account.secondFactor(), accounts.remainingRecoveryCodes(account.id()), account.roleSet()), null));
		passkeys.list(id).forEach(passkey -> items.add(new HeldItem("credentials", "passkey",
				new PasskeyData(passkey.reference(), passkey.label(), passkey.aaguid(), passkey.signatureCount(),
						passkey.createdAt(), passkey.lastUsedAt()), null)));
		jdbc.sql(LINKS).param("id", id.value())
				.query((rs, row) -> new LinkData(rs.getString(1).toLowerCase(java.util.Locale.ROOT).replace('_', '-'),
						rs.getTimestamp(2).toInstant(), rs.getTimestamp(3).toInstant()))
				.list().forEach(link -> items.add(new HeldItem("credentials", "link", link, link.expiresAt())));
		jdbc.sql(PREFERENCES).param("id", id.value())
				.query((rs, row) -> new PreferencesData(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
				.optional().ifPresent(preferences -> items.add(new HeldItem("preferences", "preferences", preferences, null)));
		return items;
	}

	@Override
	public void erase(AccountId id) {
		UUID value = id.value();
		passkeys.eraseAll(id);
		ERASE.forEach(sql -> jdbc.sql(sql).param("id", value).update());
		recentProfiles.forget(value);
	}

	@Override
	public boolean hold(AccountId id) {
		return accounts.lock(id.value()).isPresent();
	}

	@Override
	@Transactional(readOnly = true)
	public Optional<String> emailOf(AccountId id) {
		try {
			return accounts.find(id.value()).map(account -> vault.open(id, "email", account.email()));
		}
		catch (Vault.KeyDestroyedException ex) {
			return Optional.empty();
		}
	}
}
