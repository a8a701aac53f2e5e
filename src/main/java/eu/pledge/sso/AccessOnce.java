package eu.pledge.sso;

import java.util.Optional;

import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;

import eu.pledge.access.Access;
import eu.pledge.access.SystemAccess;
import eu.pledge.shared.AccountId;

/**
 * The access decision for a person and a system, made once per request: looking a token up, making the access
 * token and the ID token of one answer, and userinfo all ask; the answer cannot change within the request, and
 * each asking costs two queries.
 */
final class AccessOnce {

	private AccessOnce() {
	}

	static Optional<SystemAccess> level(Access access, AccountId account, String system) {
		RequestAttributes request = RequestContextHolder.getRequestAttributes();
		if (request == null) {
			return access.level(account, system);
		}
		String key = AccessOnce.class.getName() + "." + account + "." + system;
		@SuppressWarnings("unchecked")
		Optional<SystemAccess> known = (Optional<SystemAccess>) request.getAttribute(key, RequestAttributes.SCOPE_REQUEST);
		if (known == null) {
			known = access.level(account, system);
			request.setAttribute(key, known, RequestAttributes.SCOPE_REQUEST);
		}
		return known;
	}
}
