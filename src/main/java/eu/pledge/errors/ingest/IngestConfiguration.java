package eu.pledge.errors.ingest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.server.observation.ServerRequestObservationContext;

import io.micrometer.observation.ObservationPredicate;

import eu.pledge.shared.FilterPosition;

/**
 * Puts the Sentry ingest ({@link IngestFilter}) at {@link FilterPosition#ERROR_INGEST}: after the web edge's
 * filters, before Spring Session, the security chain and Spring MVC. Its requests are not observed as
 * {@code http.server.requests} either (the observation and its timer cost more CPU than the ingest's own work);
 * the ingest counts its events itself ({@code pledge.errors.ingest.events}).
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	FilterRegistrationBean<IngestFilter> ingestFilter(SentryIngest ingest) {
		FilterRegistrationBean<IngestFilter> registration = new FilterRegistrationBean<>(new IngestFilter(ingest));
		registration.setOrder(FilterPosition.ERROR_INGEST.order());
		return registration;
	}

	@Bean
	ObservationPredicate ingestRequestsUnobserved() {
		return (name, context) -> !(context instanceof ServerRequestObservationContext request
				&& IngestFilter.route(request.getCarrier()) != null);
	}
}
