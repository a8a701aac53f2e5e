/**
 * Personal-data breaches (GDPR Art. 33 and 34): the records administrators open and keep, the 72-hour clock to
 * the supervisory authority and the text of its notification, and the notice mailed to each person a high-risk
 * breach affects, chosen by organisation, by account ids or by a sign-in window (through {@code privacy.spi}'s
 * {@code OrganizationMembers} and {@code SignIns}, which {@code access} and {@code audit} implement). Nothing here
 * is called by another module.
 * <p>
 * Personal data held: the account ids of the people told and when ({@code privacy_breach_notices}; addresses are
 * read from the account at send time and stored nowhere here) and the record's free texts, sealed under a vault
 * key of the record's own. Retention: {@code pledge.privacy.breach-retention} (5 years by default) after a record's
 * last change, rule {@code breach-records} ({@link eu.pledge.privacy.breaches.BreachRecords}). See
 * docs/PRIVACY-BREACHES.md.
 */
package eu.pledge.privacy.breaches;
