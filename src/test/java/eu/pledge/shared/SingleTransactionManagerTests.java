package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;

import org.junit.jupiter.api.Test;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.AnnotationTransactionAttributeSource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.interceptor.TransactionAttribute;

/** Every attribute names the one manager, and keeps everything else it says. */
class SingleTransactionManagerTests {

	@Transactional
	static class Service {

		@Transactional(propagation = Propagation.SUPPORTS, readOnly = true, timeout = 7, noRollbackFor = IllegalStateException.class)
		void read() {
		}

		@Transactional("other")
		void elsewhere() {
		}

		void plain() {
		}
	}

	private final SingleTransactionManager.Named source = new SingleTransactionManager.Named(
			new AnnotationTransactionAttributeSource(false), "transactionManager");

	@Test
	void anAttributeGetsTheManagersNameAndKeepsTheRest() throws NoSuchMethodException {
		Method read = Service.class.getDeclaredMethod("read");
		TransactionAttribute attribute = source.getTransactionAttribute(read, Service.class);
		assertThat(attribute.getQualifier()).isEqualTo("transactionManager");
		assertThat(attribute.getPropagationBehavior()).isEqualTo(TransactionDefinition.PROPAGATION_SUPPORTS);
		assertThat(attribute.isReadOnly()).isTrue();
		assertThat(attribute.getTimeout()).isEqualTo(7);
		assertThat(attribute.rollbackOn(new IllegalStateException())).isFalse();
		assertThat(attribute.rollbackOn(new IllegalArgumentException())).isTrue();
		assertThat(source.getTransactionAttribute(read, Service.class)).as("made once").isSameAs(attribute);
	}

	@Test
	void aNamedManagerAndTheClassDefaultsStay() throws NoSuchMethodException {
		assertThat(source.getTransactionAttribute(Service.class.getDeclaredMethod("elsewhere"), Service.class)
			.getQualifier()).isEqualTo("other");
		TransactionAttribute plain = source.getTransactionAttribute(Service.class.getDeclaredMethod("plain"),
				Service.class);
		assertThat(plain.getQualifier()).isEqualTo("transactionManager");
		assertThat(plain.getPropagationBehavior()).isEqualTo(TransactionDefinition.PROPAGATION_REQUIRED);
	}
}
