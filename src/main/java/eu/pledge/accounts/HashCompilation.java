package eu.pledge.accounts;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;

import javax.management.ObjectName;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the optimising compiler's work on Argon2id the same shape in every JVM. BouncyCastle's block function
 * rotates through {@code org.bouncycastle.util.Longs.rotateRight}, a wrapper of {@code Long.rotateRight} that C2
 * turns into one rotate instruction when it inlines it. Whether it does is a matter of the wrapper's profile at the
 * moment of compilation: now and then C2 finds its one call "of low call site frequency" and leaves it a call, and
 * that JVM then computes every hash at about half the speed until it stops (docs/PERFORMANCE.md, "A JVM whose
 * sign-ins ran at half speed": four such JVMs in about eighteen). A compiler directive for the compilations of
 * BouncyCastle's Argon2 code forces that inlining (HotSpot checks a directive before the frequency), so no operator
 * has to know a flag. Installed once per JVM through the {@code Compiler.directives_add} diagnostic command; where
 * that command does not exist (another JVM) nothing changes but the speed.
 */
final class HashCompilation {

	private static final Logger log = LoggerFactory.getLogger(HashCompilation.class);
	private static final AtomicBoolean installed = new AtomicBoolean();

	/** The directive: every compilation rooted in BouncyCastle's Argon2 generator inlines {@code Long.rotateRight}. */
	static final String DIRECTIVE = """
			[{
			  match: "org/bouncycastle/crypto/generators/Argon2BytesGenerator*.*",
			  inline: "+java/lang/Long.rotateRight"
			}]
			""";

	private HashCompilation() {
	}

	/**
	 * Installs the directive unless this JVM has it already, on a thread of its own: the platform MBean server it
	 * goes through takes 0.1–0.3 s to set up in a fresh JVM, which the start-up need not wait for. The directive is
	 * in place within that time of the hasher's creation, while the start is still under way; C2 compiles the hash's
	 * methods only after a few hashes, and one compiled before the directive would merely be left to the profile, as
	 * every JVM was before.
	 */
	static void install() {
		if (!installed.compareAndSet(false, true)) {
			return;
		}
		Thread thread = new Thread(HashCompilation::add, "pledge-hash-compilation");
		thread.setDaemon(true);
		thread.start();
	}

	private static void add() {
		Path file = null;
		try {
			file = Files.createTempFile("pledge-argon2-", ".json");
			Files.writeString(file, DIRECTIVE, StandardCharsets.US_ASCII);
			Object answer = ManagementFactory.getPlatformMBeanServer().invoke(
					new ObjectName("com.sun.management:type=DiagnosticCommand"), "compilerDirectivesAdd",
					new Object[] { new String[] { file.toString() } }, new String[] { String[].class.getName() });
			log.debug("Argon2id compiler directive: {}", answer);
		}
		catch (Exception | LinkageError e) {
			log.info("Argon2id compiler directive not installed ({}); hashes may run slower in some JVMs",
					e.getClass().getSimpleName());
		}
		finally {
			if (file != null) {
				try {
					Files.deleteIfExists(file);
				}
				catch (Exception ignored) {
					// a temporary file of four lines
				}
			}
		}
	}
}
