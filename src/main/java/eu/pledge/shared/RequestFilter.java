package eu.pledge.shared;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A filter of Pledge's that works once per request: on the request's own dispatch, and on the error dispatch
 * when {@link #shouldNotFilterErrorDispatch()} says so; never on an asynchronous, forwarded or included one. The
 * same rule as Spring's {@code OncePerRequestFilter} with its defaults, decided by the dispatcher type alone:
 * Spring's marks every filter's passage with a request attribute (read, set and removed on every request), which
 * over Pledge's dozen filters was a visible part of an authenticated request's CPU (docs/PERFORMANCE.md). Spring
 * Boot registers such a filter for the request dispatch only (and {@code FailureFilter} for the error dispatch
 * too), so the container does not even call it on the others; the check here holds where a filter is placed in
 * Spring Security's chain instead, which sees every dispatch.
 */
public abstract class RequestFilter implements Filter {

	@Override
	public final void doFilter(ServletRequest servletRequest, ServletResponse servletResponse, FilterChain chain)
			throws IOException, ServletException {
		if (!(servletRequest instanceof HttpServletRequest request)
				|| !(servletResponse instanceof HttpServletResponse response)) {
			throw new ServletException(getClass().getSimpleName() + " serves HTTP requests only");
		}
		DispatcherType type = request.getDispatcherType();
		boolean once = type == DispatcherType.REQUEST || type == DispatcherType.ERROR && !shouldNotFilterErrorDispatch();
		if (once && !shouldNotFilter(request)) {
			doFilterInternal(request, response, chain);
		}
		else {
			chain.doFilter(request, response);
		}
	}

	/** True for a request this filter passes on untouched. */
	protected boolean shouldNotFilter(HttpServletRequest request) throws ServletException {
		return false;
	}

	/** False for a filter that also works on the error dispatch (it must then be registered for it). */
	protected boolean shouldNotFilterErrorDispatch() {
		return true;
	}

	/** This filter's work: call {@code chain} to go on. */
	protected abstract void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException;
}
