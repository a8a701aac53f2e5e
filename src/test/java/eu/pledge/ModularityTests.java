package eu.pledge;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

class ModularityTests {

	/** The module picture docs/ARCHITECTURE.md shows; checked against the code on every build. */
	static final Path COMMITTED = Path.of("docs/architecture/components.puml");
	static final Path GENERATED = Path.of("target/spring-modulith-docs/components.puml");

	private final ApplicationModules modules = ApplicationModules.of(PledgeApplication.class);

	@Test
	void modulesRespectTheirDeclaredDependencies() {
		modules.verify();
	}

	/**
	 * Writes the Modulith documentation (target/spring-modulith-docs: the module picture, one diagram and canvas
	 * per module) and fails when the module picture in docs/ differs from the code's (the lines in any order: the
	 * generator does not keep one).
	 */
	@Test
	void writesModuleDocumentationAndTheCommittedPictureIsCurrent() throws IOException {
		new Documenter(modules).writeDocumentation();
		assertThat(lines(COMMITTED)).as("%s is not the module picture of the code: copy %s over it", COMMITTED, GENERATED)
				.isEqualTo(lines(GENERATED));
	}

	private static Set<String> lines(Path file) throws IOException {
		if (!Files.exists(file)) {
			return Set.of();
		}
		return new TreeSet<>(Files.readAllLines(file).stream().map(String::strip).filter(line -> !line.isEmpty()).toList());
	}
}
