/**
 * Accounts: registration, email verification, the profile (name, email, postal address), credentials
 * (Argon2id password, TOTP second factor with recovery codes, passkeys through Spring Security's WebAuthn support),
 * password reset and preferences.
 * <p>
 * Personal data held: name, email and postal address (sealed in the vault under the account's data key,
 * email found through a keyed blind index), credential hashes, the TOTP secret (sealed), passkeys (credential id, public key, attestation and name sealed;
 * sign counter and authenticator model in clear), preferences.
 * Retention: while the person remains a customer; link tokens expire (24 h verification, 30 min reset); a
 * registration never confirmed is deleted after {@code pledge.privacy.unverified-registration-lifetime} (7 days).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Accounts", allowedDependencies = { "shared", "privacy", "privacy :: spi", "protection" })
package eu.pledge.accounts;
