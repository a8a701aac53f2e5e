package eu.pledge.shared;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Outgoing mail, checked at start-up.
 *
 * @param from the sender of every mail
 * @param outboxRetention how long the development outbox (no SMTP configured) keeps a mail
 * @param retryFirst the wait after a mail's first failed attempt; it doubles with every further failure
 * @param retryMax the longest wait between two attempts
 * @param giveUpAfter a mail not sent this long after it was queued is tried a last time, then deleted and reported
 * @param pollInterval how often each node looks for mail due for another attempt
 * @param claimLease how long a node holds a mail it is sending; another node may send it after this (a node that
 *        died mid-send), so it must be well above the longest send: at least ten times {@code smtpTimeout}
 * @param smtpTimeout connect, read and write timeout of the SMTP connection, unless {@code spring.mail.properties}
 *        sets JavaMail's own (whose default is to wait forever)
 */
@Validated
@ConfigurationProperties("pledge.mail")
public record MailProperties(@DefaultValue("Pledge <no-reply@pledge.localhost>") String from,
		@DefaultValue("7d") Duration outboxRetention, @DefaultValue("30s") Duration retryFirst,
		@DefaultValue("30m") Duration retryMax, @DefaultValue("2d") Duration giveUpAfter,
		@DefaultValue("10s") Duration pollInterval, @DefaultValue("5m") Duration claimLease,
		@DefaultValue("30s") Duration smtpTimeout) {

	public MailProperties {
		if (from == null || from.isBlank()) {
			throw new IllegalArgumentException("pledge.mail.from must name a sender");
		}
		positive("outbox-retention", outboxRetention);
		positive("retry-first", retryFirst);
		positive("retry-max", retryMax);
		positive("give-up-after", giveUpAfter);
		positive("poll-interval", pollInterval);
		positive("claim-lease", claimLease);
		positive("smtp-timeout", smtpTimeout);
		if (retryFirst.compareTo(retryMax) > 0) {
			throw new IllegalArgumentException("pledge.mail.retry-first must not be longer than retry-max");
		}
		if (retryMax.compareTo(giveUpAfter) >= 0) {
			throw new IllegalArgumentException("pledge.mail.retry-max must be shorter than give-up-after");
		}
		if (claimLease.compareTo(smtpTimeout.multipliedBy(10)) < 0) {
			throw new IllegalArgumentException(
					"pledge.mail.claim-lease must be at least ten times smtp-timeout (else a slow send can be sent twice)");
		}
	}

	/** The wait after the {@code attempts}-th failed attempt: {@code retryFirst}, doubling, at most {@code retryMax}. */
	public Duration retryAfter(int attempts) {
		Duration wait = retryFirst;
		for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(retryMax) > 0 ? retryMax : wait;
	}

	private static void positive(String name, Duration value) {
		if (value == null || value.isNegative() || value.isZero()) {
			throw new IllegalArgumentException("pledge.mail." + name + " must be a positive duration");
		}
	}
}
