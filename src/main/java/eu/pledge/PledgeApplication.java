package eu.pledge;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.modulith.Modulithic;
import org.springframework.scheduling.annotation.EnableScheduling;

/** Pledge: the account, access and audit backbone that keeps the privacy policy in code. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Modulithic(sharedModules = "shared")
public class PledgeApplication {

	public static void main(String[] args) {
		SpringApplication.run(PledgeApplication.class, args);
	}
}
