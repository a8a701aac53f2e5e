package eu.pledge.shared;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.interceptor.TransactionInterceptor;

import eu.pledge.accounts.Accounts;
import eu.pledge.testing.HttpTest;

/** In the running application every transactional call names the one manager. */
class SingleTransactionManagerWiringTests extends HttpTest {

	@Autowired
	TransactionInterceptor interceptor;

	@Test
	void theInterceptorsAttributesNameTheManager() throws NoSuchMethodException {
		assertThat(interceptor.getTransactionAttributeSource()).isInstanceOf(SingleTransactionManager.Named.class);
		assertThat(interceptor.getTransactionAttributeSource()
			.getTransactionAttribute(Accounts.class.getMethod("accountKeyOf", AccountId.class), Accounts.class)
			.getQualifier()).isEqualTo("transactionManager");
	}
}
