/**
 * The compliance check: runs every {@link eu.pledge.privacy.spi.ComplianceCheck} against the live data for the
 * {@code verify} command, the administrators' page and its JSON; and the privacy module's own checks (every table
 * declared by a holder or on the reviewed {@link NoPersonalData} list, the notice's periods, no other origins, old
 * files, the sweeper's runs). Holds no personal data.
 */
package eu.pledge.privacy.compliance;
