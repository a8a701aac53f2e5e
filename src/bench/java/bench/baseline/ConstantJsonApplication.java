package bench.baseline;

import java.util.Map;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.context.PropertyPlaceholderAutoConfiguration;
import org.springframework.boot.http.converter.autoconfigure.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.servlet.autoconfigure.HttpEncodingAutoConfiguration;
import org.springframework.boot.tomcat.autoconfigure.servlet.TomcatServletWebServerAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.DispatcherServletAutoConfiguration;
import org.springframework.boot.webmvc.autoconfigure.WebMvcAutoConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The yardstick of bench/patrol.sh: a minimal Spring Boot application (Tomcat, Spring MVC, Jackson, nothing else)
 * with one endpoint that answers a constant JSON object. Pledge turning a banned address away is compared with it.
 * It lives outside eu.pledge so that neither Pledge's component scan nor a test's search for its configuration
 * ever finds it on the test classpath.
 * <p>
 * usage: java -cp … bench.baseline.ConstantJsonApplication --server.address=127.0.0.1 --server.port=PORT
 */
@SpringBootConfiguration
@ImportAutoConfiguration({ PropertyPlaceholderAutoConfiguration.class, TomcatServletWebServerAutoConfiguration.class,
		DispatcherServletAutoConfiguration.class, WebMvcAutoConfiguration.class, HttpEncodingAutoConfiguration.class,
		HttpMessageConvertersAutoConfiguration.class, JacksonAutoConfiguration.class })
@Import(ConstantJsonApplication.Constant.class)
public class ConstantJsonApplication {

	public static void main(String[] args) {
		SpringApplication application = new SpringApplication(ConstantJsonApplication.class);
		// Not Pledge's application.yml, which is on the same classpath: Tomcat's defaults, as Pledge runs them.
		application.setDefaultProperties(Map.of("spring.config.name", "patrol-baseline"));
		application.run(args);
	}

	@RestController
	static class Constant {

		private static final Map<String, String> ANSWER = Map.of("status", "ok");

		@GetMapping("/")
		Map<String, String> answer() {
			return ANSWER;
		}
	}
}
