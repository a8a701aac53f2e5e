/**
 * The one retention sweeper: runs every {@link eu.pledge.privacy.spi.RetentionRule} of the application, each under
 * a lease in the shared database so that of many nodes one runs a rule at a time, and records every run in the
 * audit trail ({@link RetentionSwept}); plus the rule that deletes delivered event publications. Holds no personal
 * data: locks and counts per rule.
 */
package eu.pledge.privacy.retention;
