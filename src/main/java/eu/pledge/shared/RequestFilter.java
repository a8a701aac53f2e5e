package eu.pledge.shared;

import org.springframework.web.filter.OncePerRequestFilter;

/**
 * A {@link OncePerRequestFilter} that names its "already filtered" request attribute once. Spring's builds the name
 * on every request (a new string, hashed again by each of the request's attribute lookups: read, set, remove),
 * which over a dozen filters was a visible part of an authenticated request's CPU (docs/PERFORMANCE.md).
 */
public abstract class RequestFilter extends OncePerRequestFilter {

	private final String alreadyFiltered = getClass().getName() + ALREADY_FILTERED_SUFFIX;

	@Override
	protected String getAlreadyFilteredAttributeName() {
		return alreadyFiltered;
	}
}
