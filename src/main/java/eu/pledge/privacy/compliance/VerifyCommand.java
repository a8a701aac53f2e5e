package eu.pledge.privacy.compliance;

import java.io.PrintStream;

import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.stereotype.Component;

/**
 * {@code java -jar pledge.jar verify}: prints one line per promise, {@code PASS|FAIL <promise> — <evidence>}, and
 * exits with status 1 on any FAIL (0 when all pass). {@link eu.pledge.PledgeApplication} starts the web server on
 * a random loopback port for it (the page checks render the public pages) and turns the sweeper off, so verifying
 * changes nothing.
 */
@Component
class VerifyCommand implements ApplicationRunner {

	static final String ARGUMENT = "verify";

	private final Compliance compliance;
	private final ConfigurableApplicationContext context;

	VerifyCommand(Compliance compliance, ConfigurableApplicationContext context) {
		this.compliance = compliance;
		this.context = context;
	}

	@Override
	public void run(ApplicationArguments arguments) {
		if (arguments.getNonOptionArgs().contains(ARGUMENT)) {
			int status = verify(System.out);
			System.exit(SpringApplication.exit(context, () -> status));
		}
	}

	/** Prints the report; returns the process exit status. */
	int verify(PrintStream out) {
		Compliance.Report report = compliance.run();
		report.checks().forEach(line -> out.println(line.text()));
		out.println(report.passed() ? "Pledge keeps every checked promise." : "Pledge breaks at least one promise.");
		out.flush();
		return report.passed() ? 0 : 1;
	}
}
