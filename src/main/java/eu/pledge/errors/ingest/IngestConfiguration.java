package eu.pledge.errors.ingest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import io.micrometer.observation.ObservationPredicate;

/**
 * Puts the Sentry ingest ({@link IngestFilter}) at position 6 of the web edge's servlet filters
 * ({@code HIGHEST_PRECEDENCE + 6}): after the request id, client address, access log, failure, blocked-address,
 * size, same-origin and security-header filters (positions 0–5), before Spring Session ({@code + 50}), the security
 * chain and Spring MVC. Its requests are not observed as {@code http.server.requests} either (the observation
 * and its timer cost more CPU than the ingest's own work); the ingest counts its events itself
 * ({@code pledge.errors.ingest.events}).
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	static final int INGEST_ORDER = Ordered.HIGHEST_PRECEDENCE + 6;

	@Bean
	FilterRegistrationBean<IngestFilter> ingestFilter(SentryIngest ingest) {
		FilterRegistrationBean<IngestFilter> registration = new FilterRegistrationBean<>(new IngestFilter(ingest));
		registration.setOrder(INGEST_ORDER);
		return registration;
	}

	@Bean
	ObservationPredicate ingestRequestsUnobserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& IngestFilter.route(request.getCarrier()) != null);
	}
}
