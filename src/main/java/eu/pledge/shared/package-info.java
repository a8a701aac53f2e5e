/**
 * Shared kernel: identifiers, the clock, one-way token hashing, problem responses, outgoing mail, the
 * personal-data vault that encrypts every account's identity under its own data key, the one rule for
 * text and instants every database stores (input outside it is refused naming the field), and the contracts
 * every module uses at the web edge: its routes and who may call them, and the places of the servlet filters.
 * <p>
 * Personal data held: the per-account data keys (wrapped by the master key); mail waiting for the SMTP server
 * (recipient, subject and body sealed under a key per mail, a keyed hash of the recipient); and, only in
 * development without SMTP, the outbox of mails not sent. Retention: a key lives as long as its account;
 * destroying it is the erasure. A waiting mail is deleted with its key once sent, or given up after
 * {@code pledge.mail.give-up-after} (2 days). The outbox is development-only and keeps the last 200 mails, each
 * at most {@code pledge.mail.outbox-retention} (7 days).
 */
@org.springframework.modulith.ApplicationModule(displayName = "Shared kernel")
package eu.pledge.shared;
