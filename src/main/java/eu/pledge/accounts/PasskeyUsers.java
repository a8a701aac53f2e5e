package eu.pledge.accounts;

import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.stereotype.Component;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.Vault;

/**
 * Spring Security's WebAuthn user entities, one per account: the "username" Spring asks for is the account id
 * (the name of Pledge's authentication), the user handle random bytes kept in {@code passkey_users}. The name and
 * display name the authenticator shows in its account picker are the email and name, opened from the vault when
 * asked for and never stored here.
 */
@Component
class PasskeyUsers implements PublicKeyCredentialUserEntityRepository {

	private static final String BY_ACCOUNT = "SELECT user_handle FROM passkey_users WHERE account_id = :account";
	private static final String BY_HANDLE = "SELECT account_id FROM passkey_users WHERE user_handle = :handle";
	private static final String INSERT = "INSERT INTO passkey_users (account_id, user_handle) VALUES (:account, :handle)";
	private static final String DELETE = "DELETE FROM passkey_users WHERE user_handle = :handle";

	private final JdbcClient jdbc;
	private final AccountRepository accounts;
	private final Vault vault;

	PasskeyUsers(JdbcClient jdbc, AccountRepository accounts, Vault vault) {
		this.jdbc = jdbc;
		this.accounts = accounts;
		this.vault = vault;
	}

	@Override
	public PublicKeyCredentialUserEntity findById(Bytes id) {
		return account(id).map(account -> entity(account, id)).orElse(null);
	}

	@Override
	public PublicKeyCredentialUserEntity findByUsername(String username) {
		UUID account;
		try {
			account = UUID.fromString(username);
		}
		catch (IllegalArgumentException ex) {
			return null;
		}
		return jdbc.sql(BY_ACCOUNT).param("account", account).query(String.class).optional()
				.map(handle -> entity(new AccountId(account), Bytes.fromBase64(handle))).orElse(null);
	}

	@Override
	public void save(PublicKeyCredentialUserEntity userEntity) {
		jdbc.sql(INSERT).param("account", UUID.fromString(userEntity.getName()))
				.param("handle", userEntity.getId().toBase64UrlString()).update();
	}

	@Override
	public void delete(Bytes id) {
		jdbc.sql(DELETE).param("handle", id.toBase64UrlString()).update();
	}

	/** The account a user handle belongs to. */
	Optional<AccountId> account(Bytes handle) {
		return jdbc.sql(BY_HANDLE).param("handle", handle.toBase64UrlString()).query(UUID.class).optional()
				.map(AccountId::new);
	}

	/** The account's user handle, if it ever registered a passkey. */
	Optional<Bytes> handle(AccountId account) {
		return jdbc.sql(BY_ACCOUNT).param("account", account.value()).query(String.class).optional()
				.map(Bytes::fromBase64);
	}

	/** The account's user entity, created with a fresh handle the first time (a second creation at once loses). */
	PublicKeyCredentialUserEntity ensure(AccountId id) {
		PublicKeyCredentialUserEntity found = findByUsername(id.toString());
		if (found != null) {
			return found;
		}
		try {
			save(ImmutablePublicKeyCredentialUserEntity.builder().id(Bytes.random()).name(id.toString())
					.displayName(id.toString()).build());
		}
		catch (org.springframework.dao.DuplicateKeyException ex) {
			// another request made it first
		}
		return findByUsername(id.toString());
	}

	private PublicKeyCredentialUserEntity entity(AccountId id, Bytes handle) {
		StoredAccount account = accounts.find(id.value()).orElse(null);
		String email = account == null ? id.toString() : vault.open(id, "email", account.email());
		String name = account == null ? email : vault.open(id, "name", account.name());
		return ImmutablePublicKeyCredentialUserEntity.builder().id(handle).name(email).displayName(name).build();
	}
}
