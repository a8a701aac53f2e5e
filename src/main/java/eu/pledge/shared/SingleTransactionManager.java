package eu.pledge.shared;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.core.MethodClassKey;
import org.springframework.transaction.TransactionManager;
import org.springframework.transaction.interceptor.DefaultTransactionAttribute;
import org.springframework.transaction.interceptor.RuleBasedTransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttribute;
import org.springframework.transaction.interceptor.TransactionAttributeSource;
import org.springframework.transaction.interceptor.TransactionInterceptor;

/**
 * Names the application's one transaction manager on every {@code @Transactional} method's attributes. Without a
 * name, Spring's {@code TransactionAspectSupport.determineTransactionManager} looks for a {@code @Qualifier} on the
 * target class on <em>every</em> call (an annotation scan of the class and its hierarchy, not cached): a tenth of
 * the cost of a call served from memory, and 3 % of a {@code GET /api/v1/me}. With a name, the manager comes from the
 * interceptor's cache. Applied only when there is exactly one transaction manager, where a qualifier could not
 * choose anything else.
 */
final class SingleTransactionManager implements SmartInitializingSingleton {

	private final ListableBeanFactory beans;

	SingleTransactionManager(ListableBeanFactory beans) {
		this.beans = beans;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String[] managers = beans.getBeanNamesForType(TransactionManager.class, false, false);
		if (managers.length != 1) {
			return;
		}
		for (TransactionInterceptor interceptor : beans.getBeansOfType(TransactionInterceptor.class, false, false)
			.values()) {
			TransactionAttributeSource source = interceptor.getTransactionAttributeSource();
			if (source != null && !(source instanceof Named)) {
				interceptor.setTransactionAttributeSource(new Named(source, managers[0]));
			}
		}
	}

	/** The attributes of {@code source}, each with the manager's name as its qualifier unless it names one. */
	static final class Named implements TransactionAttributeSource {

		private final TransactionAttributeSource source;
		private final String manager;
		private final Map<MethodClassKey, TransactionAttribute> named = new ConcurrentHashMap<>();

		Named(TransactionAttributeSource source, String manager) {
			this.source = source;
			this.manager = manager;
		}

		@Override
		public boolean isCandidateClass(Class<?> targetClass) {
			return source.isCandidateClass(targetClass);
		}

		@Override
		public boolean hasTransactionAttribute(Method method, Class<?> targetClass) {
			return source.hasTransactionAttribute(method, targetClass);
		}

		@Override
		public TransactionAttribute getTransactionAttribute(Method method, Class<?> targetClass) {
			TransactionAttribute attribute = source.getTransactionAttribute(method, targetClass);
			if (attribute == null || (attribute.getQualifier() != null && !attribute.getQualifier().isEmpty())) {
				return attribute;
			}
			TransactionAttribute known = named.get(new MethodClassKey(method, targetClass));
			if (known != null) {
				return known;
			}
			DefaultTransactionAttribute copy = attribute instanceof RuleBasedTransactionAttribute rules
					? new RuleBasedTransactionAttribute(rules) : new DefaultTransactionAttribute(attribute);
			copy.setQualifier(manager);
			named.put(new MethodClassKey(method, targetClass), copy);
			return copy;
		}
	}
}
