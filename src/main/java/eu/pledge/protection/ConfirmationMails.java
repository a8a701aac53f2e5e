package eu.pledge.protection;

import java.time.Duration;

import org.springframework.stereotype.Component;

import eu.pledge.privacy.spi.ConfirmationLimits;
import eu.pledge.shared.AccountId;

/**
 * The rights confirmations' limit ({@code privacy.spi.ConfirmationLimits}): one mail of a kind a minute per account
 * (the interval of the account mails' limits), counted in the database so that every node shares it. Refused
 * confirmations do not count, so someone repeating an action all the time is told again each minute.
 */
@Component
class ConfirmationMails implements ConfirmationLimits {

	static final Duration INTERVAL = Duration.ofMinutes(1);

	private final RateLimits rateLimits;
	private final RateLimits.Bucket bucket;

	ConfirmationMails(RateLimits rateLimits) {
		this.rateLimits = rateLimits;
		this.bucket = rateLimits.bucket(new RateLimits.Bucket("rights-confirmation-mails", RateLimits.Scope.CLUSTER,
				RateLimits.Keys.OPAQUE, 1, INTERVAL, false));
	}

	@Override
	public boolean mayConfirm(String kind, AccountId account) {
		return rateLimits.take(bucket, kind + ":" + account.value()).allowed();
	}
}
