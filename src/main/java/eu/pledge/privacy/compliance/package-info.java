/**
 * The compliance check: runs every {@link eu.pledge.privacy.spi.ComplianceCheck} against the live data for the
 * {@code verify} command, the administrators' page and its JSON; and the privacy module's own checks (every table
 * declared by a holder or on the reviewed {@link NoPersonalData} list, the notice's periods and statements, no other
 * origins, the SMTP relay run by a declared processor, processors where the notice promises hosting, a legal basis
 * for every purpose, old files, the sweeper's runs). Holds no personal data.
 */
package eu.pledge.privacy.compliance;
