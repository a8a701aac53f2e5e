package eu.pledge.privacy.breaches;

import java.util.List;

/**
 * Who a breach affects, chosen one way: everyone in an organisation, a list of account ids, or everyone whose
 * sign-in succeeded in a window (from the audit trail).
 */
record Audience(String organizationId, List<String> accountIds, String signedInFrom, String signedInTo) {

	@Override
	public String toString() {
		return "Audience[redacted]";
	}
}
