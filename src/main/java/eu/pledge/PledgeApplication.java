package eu.pledge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.boot.webmvc.autoconfigure.WebMvcObservationAutoConfiguration;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Pledge: the account, access and audit backbone that keeps the privacy policy in code.
 * <p>
 * Without Spring Boot's {@code http.server.requests} observation filter: the access log records the same timer from
 * its own timing of each request (serverlogs' {@code RequestTimers}).
 */
@SpringBootApplication(exclude = WebMvcObservationAutoConfiguration.class)
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "shared")
public class PledgeApplication {

	public static void main(String[] args) {
		SpringApplication.run(PledgeApplication.class, arguments(args));
	}

	/**
	 * For {@code verify} (the compliance check, privacy.VerifyCommand): its page checks render the public pages in
	 * this process, so the web server starts, but on a random loopback port; the sweeper stays off, so verifying
	 * changes nothing. As command-line arguments, these win over application.yml.
	 */
	static String[] arguments(String[] args) {
		if (!java.util.Arrays.asList(args).contains("verify")) {
			return args;
		}
		java.util.List<String> all = new java.util.ArrayList<>(java.util.Arrays.asList(args));
		all.addAll(java.util.List.of("--server.port=0", "--server.address=127.0.0.1", "--pledge.privacy.sweeper-enabled=false"));
		return all.toArray(String[]::new);
	}
}
