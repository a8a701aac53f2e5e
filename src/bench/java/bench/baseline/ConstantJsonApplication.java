package bench.baseline;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.beans.factory.annotation.Value;
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
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The yardstick of bench/patrol.sh and bench/login.sh: a minimal Spring Boot application (Tomcat, Spring MVC,
 * Jackson, nothing else: no security, no session, no database) answering constants. Pledge's answers are compared
 * with it, measured in the same run with the same JVM options and the same wrk parameters.
 * <ul>
 * <li>{@code GET /}: a JSON object of {@code baseline.json-bytes} bytes (default: {@code {"status":"ok"}}), built
 * into a map and written by Jackson on every request, as a controller returning a record would;</li>
 * <li>{@code GET /page}: a constant {@code text/html} document of {@code baseline.html-bytes} bytes (default 4096),
 * the yardstick of a page.</li>
 * </ul>
 * It lives outside eu.pledge so that neither Pledge's component scan nor a test's search for its configuration
 * ever finds it on the test classpath.
 * <p>
 * usage: java -cp … bench.baseline.ConstantJsonApplication --server.address=127.0.0.1 --server.port=PORT
 * [--baseline.json-bytes=N] [--baseline.html-bytes=N]
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

		private final String status;
		private final String filler;
		private final String page;

		Constant(@Value("${baseline.json-bytes:0}") int jsonBytes, @Value("${baseline.html-bytes:4096}") int htmlBytes) {
			// {"status":"ok"} is 15 bytes; {"status":"ok","filler":"…"} is 27 bytes plus the filler.
			this.status = "ok";
			this.filler = jsonBytes > 27 ? "x".repeat(jsonBytes - 27) : null;
			String head = "<!DOCTYPE html><html lang=\"en\"><head><title>Baseline</title></head><body><p>";
			String tail = "</p></body></html>";
			this.page = head + "x".repeat(Math.max(0, htmlBytes - head.length() - tail.length())) + tail;
		}

		@GetMapping("/")
		Map<String, String> answer() {
			Map<String, String> answer = new LinkedHashMap<>();
			answer.put("status", status);
			if (filler != null) {
				answer.put("filler", filler);
			}
			return answer;
		}

		@GetMapping(path = "/page", produces = MediaType.TEXT_HTML_VALUE)
		String page() {
			return page;
		}
	}
}
