/**
 * The web edge: the security filter chain, the one place that derives the client address, security
 * headers, the API's same-origin rule, problem responses, error pages and the layout.
 * <p>
 * Personal data held: none. Retention: none.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Web", allowedDependencies = { "shared", "protection", "access", "accounts" })
package eu.pledge.web;
