package eu.pledge.shared;

import java.time.Clock;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class SharedConfiguration {

	/** One clock for every module, so tests can move time instead of waiting for it. */
	@Bean
	@ConditionalOnMissingBean
	Clock clock() {
		return Clock.systemUTC();
	}

	@Bean
	static SingleTransactionManager singleTransactionManager(ListableBeanFactory beans) {
		return new SingleTransactionManager(beans);
	}
}
