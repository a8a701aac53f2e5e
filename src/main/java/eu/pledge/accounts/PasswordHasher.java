package eu.pledge.accounts;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayDeque;
import java.util.Base64;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.springframework.stereotype.Component;

/**
 * Argon2id (RFC 9106) with the configured cost, stored in the PHC string format
 * ({@code $argon2id$v=19$m=…,t=…,p=…$salt$hash}, the format Spring Security's encoder reads and writes).
 * BouncyCastle computes it; its memory comes from {@link Memories}, whole sets of blocks reused in the order they
 * were made, instead of 19 MiB of fresh objects per verification, which the garbage collector would otherwise copy
 * around while the hash is being computed.
 * Unknown emails are checked against a dummy hash of the same cost, so a miss takes as long as a hit.
 */
@Component
class PasswordHasher {

	private static final int SALT_BYTES = 16;
	private static final int HASH_BYTES = 32;
	private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
	private static final Base64.Decoder B64_DECODE = Base64.getDecoder();

	private final PasswordProperties.Argon2 cost;
	private final String currentParameters;
	private final Memories memories;
	private final SecureRandom random = new SecureRandom();
	private final String dummyHash;

	PasswordHasher(PasswordProperties properties) {
		HashCompilation.install();
		this.cost = properties.argon2();
		this.currentParameters = "$argon2id$v=19$m=" + cost.memoryKib() + ",t=" + cost.iterations() + ",p="
				+ cost.parallelism() + "$";
		// Enough for one verification per core; more concurrent ones allocate and drop the extra.
		this.memories = new Memories(cost.memoryKib(), Runtime.getRuntime().availableProcessors());
		this.dummyHash = dummyHash();
	}

	/**
	 * A hash of the configured cost that no password produces: a random salt and random hash bytes. Verifying
	 * against it computes exactly what a real verification computes; only nothing matches (a chance of 2^-256).
	 * Hashing a made-up password instead cost every start one Argon2id run in a cold JVM (docs/PERFORMANCE.md, "Start-up and memory").
	 */
	private String dummyHash() {
		byte[] salt = new byte[SALT_BYTES];
		byte[] hash = new byte[HASH_BYTES];
		random.nextBytes(salt);
		random.nextBytes(hash);
		return currentParameters + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
	}

	String hash(String password) {
		byte[] salt = new byte[SALT_BYTES];
		random.nextBytes(salt);
		byte[] hash = compute(password, salt, cost.memoryKib(), cost.iterations(), cost.parallelism(), HASH_BYTES);
		return currentParameters + B64.encodeToString(salt) + "$" + B64.encodeToString(hash);
	}

	/** Whether {@code password} produces {@code encoded}; false for anything malformed, never an exception. */
	boolean matches(String password, String encoded) {
		return verify(password, encoded);
	}

	/** Spends the time of one verification without any account behind it. */
	void burnOneVerification(String password) {
		verify(password, dummyHash);
	}

	private boolean verify(String password, String encoded) {
		String[] parts = encoded == null ? new String[0] : encoded.split("\\$");
		if (password == null || !wellFormed(password) || parts.length != 6 || !parts[1].equals("argon2id")
				|| !parts[2].equals("v=19")) {
			return false;
		}
		try {
			int memory = 0;
			int iterations = 0;
			int parallelism = 0;
			for (String parameter : parts[3].split(",")) {
				int value = Integer.parseInt(parameter.substring(2));
				switch (parameter.substring(0, 2)) {
					case "m=" -> memory = value;
					case "t=" -> iterations = value;
					case "p=" -> parallelism = value;
					default -> throw new IllegalArgumentException("unknown parameter");
				}
			}
			byte[] salt = B64_DECODE.decode(parts[4]);
			byte[] expected = B64_DECODE.decode(parts[5]);
			byte[] actual = compute(password, salt, memory, iterations, parallelism, expected.length);
			return MessageDigest.isEqual(expected, actual);
		}
		catch (IllegalArgumentException | StringIndexOutOfBoundsException ex) {
			return false;
		}
	}

	/**
	 * No hash was ever made of half a surrogate pair (every new password is stored text), and BouncyCastle
	 * throws on one when it encodes the password as UTF-8: such a password simply does not match.
	 */
	private static boolean wellFormed(String password) {
		for (int i = 0; i < password.length(); i++) {
			char c = password.charAt(i);
			if (Character.isHighSurrogate(c) && i + 1 < password.length() && Character.isLowSurrogate(password.charAt(i + 1))) {
				i++;
			}
			else if (Character.isSurrogate(c)) {
				return false;
			}
		}
		return true;
	}

	/**
	 * Whether a stored hash was made with other parameters than the configured ones. Any difference counts,
	 * not only weaker ones: lowering the cost deliberately must take effect too.
	 */
	boolean needsUpgrade(String hash) {
		return hash == null || !hash.startsWith(currentParameters);
	}

	private byte[] compute(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
		if (memory < 8 * parallelism || memory > 4_194_304 || iterations < 1 || iterations > 100 || parallelism < 1
				|| parallelism > 64 || length < 16 || length > 64) {
			throw new IllegalArgumentException("Argon2 parameters out of range");
		}
		Memory blocks = memories.lease();
		try {
			Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
					.withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memory)
					.withIterations(iterations).withParallelism(parallelism).withBlockPool(blocks).build();
			Argon2BytesGenerator generator = new Argon2BytesGenerator();
			generator.init(parameters);
			byte[] out = new byte[length];
			generator.generateBytes(password.toCharArray(), out);
			return out;
		}
		finally {
			memories.giveBack(blocks);
		}
	}

	/**
	 * The memory of one computation: the blocks of the configured cost, handed out in the order they were made, so
	 * that the hash's block {@code i} and {@code i + 1} lie next to each other in the heap. BouncyCastle's own
	 * {@code FixedBlockPool} shares single blocks among all computations behind a lock taken twice per block, and
	 * blocks given back by two computations at once end up interleaved; with it a hash cost a third more CPU
	 * (docs/PERFORMANCE.md, "Where a sign-in's time goes": measured, while which of the two causes weighs more was
	 * not). BouncyCastle clears every block before
	 * giving it back ({@code Block.clear()}), so no password's state outlives its computation. A computation with a
	 * larger memory cost than the configured one (an old hash being verified) gets fresh blocks for the rest.
	 */
	private static final class Memory implements Argon2BytesGenerator.BlockPool {

		private final Argon2BytesGenerator.Block[] blocks;
		private int next;

		Memory(int size) {
			blocks = new Argon2BytesGenerator.Block[size];
			for (int i = 0; i < size; i++) {
				blocks[i] = new Argon2BytesGenerator.Block();
			}
		}

		@Override
		public Argon2BytesGenerator.Block allocate() {
			return next < blocks.length ? blocks[next++] : new Argon2BytesGenerator.Block();
		}

		@Override
		public void deallocate(Argon2BytesGenerator.Block block) {
			// the whole set goes back at once, in Memories.giveBack
		}
	}

	/** Up to {@code keep} sets of blocks of {@code size} each, one per computation running at the same time. */
	private static final class Memories {

		private final int size;
		private final int keep;
		private final ArrayDeque<Memory> free = new ArrayDeque<>(); // guarded by itself

		Memories(int size, int keep) {
			this.size = size;
			this.keep = keep;
		}

		Memory lease() {
			synchronized (free) {
				Memory memory = free.pollLast();
				if (memory != null) {
					return memory;
				}
			}
			return new Memory(size);
		}

		void giveBack(Memory memory) {
			memory.next = 0;
			synchronized (free) {
				if (free.size() < keep) {
					free.addLast(memory);
				}
			}
		}
	}
}
