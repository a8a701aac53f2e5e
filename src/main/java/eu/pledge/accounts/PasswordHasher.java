package eu.pledge.accounts;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Argon2id with the configured cost (Spring Security's encoder over BouncyCastle, PHC string format).
 * Unknown emails are checked against a dummy hash of the same cost, so a miss takes as long as a hit.
 */
@Component
class PasswordHasher {

	private final Argon2PasswordEncoder encoder;
	private final String dummyHash;
	private final String currentParameters;

	PasswordHasher(PasswordProperties properties) {
		PasswordProperties.Argon2 argon2 = properties.argon2();
		this.encoder = new Argon2PasswordEncoder(16, 32, argon2.parallelism(), argon2.memoryKib(), argon2.iterations());
		this.dummyHash = encoder.encode("dummy password that nobody has " + System.nanoTime());
		this.currentParameters = "$argon2id$v=19$m=" + argon2.memoryKib() + ",t=" + argon2.iterations() + ",p="
				+ argon2.parallelism() + "$";
	}

	String hash(String password) {
		return encoder.encode(password);
	}

	boolean matches(String password, String hash) {
		return encoder.matches(password, hash);
	}

	/** Spends the time of one verification without any account behind it. */
	void burnOneVerification(String password) {
		encoder.matches(password, dummyHash);
	}

	/**
	 * Whether a stored hash was made with other parameters than the configured ones. Any difference counts,
	 * not only weaker ones (Spring's own check): lowering the cost deliberately must take effect too.
	 */
	boolean needsUpgrade(String hash) {
		return hash == null || !hash.startsWith(currentParameters);
	}
}
