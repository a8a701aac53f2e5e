/**
 * Contact: the public contact form of the vendor's site, with the arithmetic question of the policy page and no
 * third-party captcha (a signed, single-use, expiring challenge; a honeypot field; a minimum fill time; a limit
 * per client address), and the administrators' view of the messages, from which they record data-subject
 * requests through the privacy module's facade.
 * <p>
 * Personal data held: contact messages (name, email, message; the sender's account id when they were signed
 * in), sealed in the vault under a key of each message's own, in {@code contact_messages}; a keyed hash of the
 * client address with a submission count, in {@code contact_rate_limits}. Retention: messages are deleted
 * {@code pledge.contact.retention} (default 180 days) after receipt by the {@code contact-messages} rule; an
 * address counter lives one {@code pledge.contact.rate-window} (at most 24 h, also enforced by the database).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact form", allowedDependencies = { "shared", "privacy", "privacy :: spi" })
package eu.pledge.contact;
