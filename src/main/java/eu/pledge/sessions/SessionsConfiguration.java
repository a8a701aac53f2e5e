package eu.pledge.sessions;

import java.time.Clock;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.session.jdbc.JdbcIndexedSessionRepository;
import org.springframework.session.jdbc.config.annotation.web.http.JdbcHttpSessionConfiguration;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionOperations;
import org.springframework.transaction.support.TransactionTemplate;

import eu.pledge.shared.FilterPosition;

@Configuration(proxyBeanMethods = false)
class SessionsConfiguration {

	@Bean
	FilterRegistrationBean<AbsoluteTimeoutFilter> absoluteTimeoutFilter(SessionsProperties properties, Clock clock,
			org.springframework.context.ApplicationEventPublisher events) {
		FilterRegistrationBean<AbsoluteTimeoutFilter> registration = new FilterRegistrationBean<>(
				new AbsoluteTimeoutFilter(properties, clock, events));
		registration.setOrder(FilterPosition.ABSOLUTE_TIMEOUT.order());
		return registration;
	}

	/**
	 * Gives Spring Session's JDBC repository (Boot's, with Boot's settings applied) the compact
	 * {@link SessionAttributeCodec} and wraps it in {@link CoarseLastAccessSessions}, so the session filter and
	 * the session list use the wrapper. Declaring the wrapper as a bean of its own would make Boot back off from
	 * creating the JDBC repository.
	 */
	@Bean
	static BeanPostProcessor coarseLastAccessSessions(ObjectProvider<SessionsProperties> properties,
			ObjectProvider<PlatformTransactionManager> transactionManager, ObjectProvider<DataSource> dataSource,
			ObjectProvider<RecentSessions> recent) {
		return new BeanPostProcessor() {
			/**
			 * Spring Session's JDBC repository gets no transactions of its own (rather than a new one for every
			 * call): its writes get theirs from {@link CoarseLastAccessSessions}, which leaves them out for the
			 * reads (single SELECTs); the read by id on every request spent more on its transaction than on the
			 * SELECT itself. Set on Spring Session's configuration before it creates the repository; a bean of
			 * type {@code TransactionOperations} instead would make Boot back off from its TransactionTemplate.
			 */
			@Override
			public Object postProcessBeforeInitialization(Object bean, String beanName) {
				if (bean instanceof JdbcHttpSessionConfiguration configuration) {
					configuration.setTransactionOperations(TransactionOperations.withoutTransaction());
				}
				return bean;
			}

			@Override
			public Object postProcessAfterInitialization(Object bean, String beanName) {
				if (!(bean instanceof JdbcIndexedSessionRepository jdbc)) {
					return bean;
				}
				SessionAttributeCodec codec = new SessionAttributeCodec(SessionsConfiguration.class.getClassLoader());
				jdbc.setConversionService(codec);
				jdbc.setCreateSessionAttributeQuery(SessionAttributeUpsert.forDatabase(dataSource.getObject()));
				// What Spring Session's own configuration would use: a new transaction for each write.
				TransactionTemplate writes = new TransactionTemplate(transactionManager.getObject());
				writes.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
				return new CoarseLastAccessSessions(jdbc, properties.getObject().idleTimeout(), writes,
						recent.getObject(), codec);
			}
		};
	}
}
