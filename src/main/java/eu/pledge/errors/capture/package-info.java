/**
 * Capture of Pledge's own errors: a Logback appender turns every ERROR log event (unhandled exceptions reach
 * it through the web edge's log line) into an error event on the logging thread and queues it for the
 * {@link eu.pledge.errors.tracker tracker}; and the scrubbed formats of Pledge's own log (the console format
 * and the JSON fields), which use the tracker's scrubber so that a log line never shows what an error event
 * would not keep.
 * <p>
 * Personal data held: none at rest (an event waits in memory until the tracker has scrubbed and stored it).
 */
package eu.pledge.errors.capture;
