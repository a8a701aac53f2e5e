package eu.pledge.errors.ingest;

import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import eu.pledge.shared.FilterPosition;

/**
 * Puts the Sentry ingest ({@link IngestFilter}) at {@link FilterPosition#ERROR_INGEST}: after the web edge's
 * filters, before Spring Session, the security chain and Spring MVC.
 */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

	@Bean
	FilterRegistrationBean<IngestFilter> ingestFilter(SentryIngest ingest) {
		FilterRegistrationBean<IngestFilter> registration = new FilterRegistrationBean<>(new IngestFilter(ingest));
		registration.setOrder(FilterPosition.ERROR_INGEST.order());
		return registration;
	}
}
