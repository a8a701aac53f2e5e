/**
 * The data-subject rights a person exercises themselves, on the data page and through {@code /api/v1/me}: access
 * and portability (what every holder exports, filed by category), erasure (re-authentication, objections, then
 * {@link eu.pledge.privacy.Holders#eraseAll}) and restriction of processing (the controls of
 * {@link eu.pledge.privacy.Restrictions}), with their confirmation mails and audited events. Also declares the mail
 * kept in the database (queue and development outbox) as identity data: {@link OutboxData}.
 */
package eu.pledge.privacy.rights;
