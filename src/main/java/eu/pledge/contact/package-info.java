/**
 * Contact: the public contact form of the vendor's site, with the arithmetic question of the policy page and no
 * third-party captcha (a signed, single-use, expiring challenge; a honeypot field; a minimum fill time; a limit
 * per client address), and the administrators' view of the messages, from which they record data-subject
 * requests through the privacy module's facade.
 * <p>
 * Personal data held: contact messages (name, email, message; the sender's account id when they were signed
 * in), sealed in the vault under a key of each message's own, in {@code contact_messages}. Retention: messages
 * are deleted {@code pledge.contact.retention} (default 180 days) after receipt by the {@code contact-messages}
 * rule. The limit per client address is the protection module's rate limiter (bucket {@code contact-submissions}:
 * a keyed hash of the address with a count, kept one {@code pledge.contact.rate-window}, at most 24 h).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Contact form", allowedDependencies = { "shared", "privacy", "privacy :: spi", "protection" })
package eu.pledge.contact;
