package eu.pledge.web;

import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;

import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpStatus;
import org.springframework.web.util.HtmlUtils;

/**
 * What Tomcat answers by itself, before any filter or servlet of Pledge sees the request: a path it cannot accept
 * (an encoded NUL, {@code %00}; an encoded slash or backslash it is told to reject), a request line or header it
 * cannot parse. Its own error page was an HTML page in Tomcat's style for every client, an API client included,
 * where everything else Pledge answers is a problem (RFC 9457) or Pledge's page. The host's error report valve
 * is this one: the same answer {@link ErrorResponses} gives, written without the application (which this request
 * never reached): a problem for the API and for clients that do not ask for HTML, else a small page in Pledge's
 * style. It writes only when nothing was written yet, so every error Pledge answers itself is left as it is.
 * Public because the host makes its error report valve from the class name ({@link Installation}); the host adds
 * it at its start after Spring Boot's own, so it is the one that reports.
 */
public class ContainerRefusals extends ErrorReportValve {

	@Override
	protected void report(Request request, Response response, Throwable failure) {
		int code = response.getStatus();
		if (code < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
			return;
		}
		HttpStatus status = HttpStatus.resolve(code);
		if (status == null) {
			status = code >= 500 ? HttpStatus.INTERNAL_SERVER_ERROR : HttpStatus.BAD_REQUEST;
		}
		String detail = Failures.detail(status);
		String uri = request.getRequestURI(); // as sent: the decoding is what failed
		boolean page = false;
		java.util.Enumeration<String> accept = request.getHeaders("Accept"); // as Problems.wantsPage decides
		while (uri != null && !uri.startsWith("/api/") && accept != null && accept.hasMoreElements()) {
			page |= accept.nextElement().contains("text/html");
		}
		try {
			// Pledge's header writers never see this request: the headers every answer carries, fixed
			response.setHeader("Content-Security-Policy", "default-src 'self'; frame-ancestors 'none'");
			response.setHeader("X-Content-Type-Options", "nosniff");
			response.setHeader("Referrer-Policy", "same-origin");
			response.setHeader("Cache-Control", "no-store");
			response.setCharacterEncoding(StandardCharsets.UTF_8.name());
			response.setContentType(page ? "text/html" : "application/problem+json");
			Writer writer = response.getReporter();
			if (writer == null) {
				return;
			}
			writer.write(page ? page(status, detail) : problem(status, detail));
			response.finishResponse();
		}
		catch (IOException | IllegalStateException ex) {
			// the client went away, or the response cannot take a body: nothing more to say
		}
	}

	private static String problem(HttpStatus status, String detail) {
		return "{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase() + "\",\"status\":" + status.value()
				+ ",\"detail\":\"" + detail.replace("\"", "\\\"") + "\"}";
	}

	private static String page(HttpStatus status, String detail) {
		return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.getReasonPhrase()
				+ "</title><link rel=\"stylesheet\" href=\"/css/pledge.css\"></head><body><main class=\"card\"><h1>"
				+ status.getReasonPhrase() + "</h1><p>" + HtmlUtils.htmlEscape(detail)
				+ "</p><p><a href=\"/\">Back to the start page</a></p></main></body></html>";
	}

	/** Makes {@link ContainerRefusals} the error report valve of the embedded Tomcat's host. */
	@Configuration(proxyBeanMethods = false)
	static class Installation {

		@Bean
		WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerRefusals() {
			return factory -> factory.addContextCustomizers(context -> {
				if (context.getParent() instanceof StandardHost host) {
					host.setErrorReportValveClass(ContainerRefusals.class.getName());
				}
			});
		}
	}
}
