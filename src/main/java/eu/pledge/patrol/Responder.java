package eu.pledge.patrol;

import java.time.Instant;
import java.util.List;

/**
 * What one kind of response does when a rule answers a key. {@code RECORD} has none: the detection and the audit
 * event are all it does. Each responder runs inside the judging transaction, with the key's offender row locked, so
 * a threshold crossed on two nodes at once is answered once.
 */
interface Responder {

	/** The response this responder puts in force. */
	PatrolProperties.Response response();

	/**
	 * Puts the response in force for a bounded time.
	 *
	 * @return the id of the protection decision that enforces it, or null when there is none
	 */
	Long respond(Answer answer);

	/**
	 * A rule's {@code nth} answer to {@code key}, triggered by detection {@code detectionId}.
	 *
	 * @param address the detection's address in its canonical form (IPv4, or the IPv6 prefix), or null
	 */
	record Answer(String rule, PatrolProperties.Rule settings, String key, int nth, long detectionId, String address,
			Detection detection, Instant now) {

		/** How many of the first {@code nth} answers are {@code response}: the n-th ban lasts longer than the first. */
		int count(PatrolProperties.Response response) {
			int count = 0;
			for (int i = 1; i <= nth; i++) {
				count += nth(settings.responses(), i) == response ? 1 : 0;
			}
			return count;
		}

		/** The n-th response of a list whose last one repeats. */
		static PatrolProperties.Response nth(List<PatrolProperties.Response> responses, int n) {
			return responses.get(Math.min(n, responses.size()) - 1);
		}

		@Override
		public String toString() {
			return "Answer[" + rule + " #" + nth + " to detection " + detectionId + "]";
		}
	}
}
