package eu.pledge.sso;

import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.AccountId;

/** Tells no system yet: the tokens already stopped working; back-channel logout arrives with {@code Logouts}. */
@Component
class NoAppSignOuts implements AppSignOuts {

	@Override
	public void signedOut(AccountId account, String system, List<String> authorizationIds) {
		// nothing to tell until back-channel logout exists
	}
}
