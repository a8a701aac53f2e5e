package eu.pledge.shared;

import java.time.Duration;

import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;

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
public record MailProperties(
		@NotBlank(message = "must name a sender") @DefaultValue("Pledge <no-reply@pledge.localhost>") String from,
		@PositiveDuration @DefaultValue("7d") Duration outboxRetention,
		@PositiveDuration @DefaultValue("30s") Duration retryFirst,
		@PositiveDuration @DefaultValue("30m") Duration retryMax,
		@PositiveDuration @DefaultValue("2d") Duration giveUpAfter,
		@PositiveDuration @DefaultValue("10s") Duration pollInterval,
		@PositiveDuration @DefaultValue("5m") Duration claimLease,
		@PositiveDuration @DefaultValue("30s") Duration smtpTimeout) {

	// The rules between settings; each holds while a setting it reads is missing, which @PositiveDuration reports.

	@AssertTrue(message = "pledge.mail.retry-first must not be longer than pledge.mail.retry-max")
	boolean isRetryFirstAtMostRetryMax() {
		return retryFirst == null || retryMax == null || retryFirst.compareTo(retryMax) <= 0;
	}

	@AssertTrue(message = "pledge.mail.retry-max must be shorter than pledge.mail.give-up-after")
	boolean isRetryMaxShorterThanGiveUpAfter() {
		return retryMax == null || giveUpAfter == null || retryMax.compareTo(giveUpAfter) < 0;
	}

	@AssertTrue(message = "pledge.mail.claim-lease must be at least ten times pledge.mail.smtp-timeout"
			+ " (else a slow send can be sent twice)")
	boolean isClaimLeaseTenSmtpTimeouts() {
		return claimLease == null || smtpTimeout == null || claimLease.compareTo(smtpTimeout.multipliedBy(10)) >= 0;
	}

	/** The wait after the {@code attempts}-th failed attempt: {@code retryFirst}, doubling, at most {@code retryMax}. */
	public Duration retryAfter(int attempts) {
		Duration wait = retryFirst;
		for (int i = 1; i < attempts && wait.compareTo(retryMax) < 0; i++) {
			wait = wait.multipliedBy(2);
		}
		return wait.compareTo(retryMax) > 0 ? retryMax : wait;
	}
}
