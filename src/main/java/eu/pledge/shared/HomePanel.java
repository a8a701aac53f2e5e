package eu.pledge.shared;

import java.util.List;

/**
 * A panel of a signed-in person's home page ({@code /}), contributed by the module that knows its facts (the
 * sessions module: sessions elsewhere; the audit trail: recent activity), so the home page shows them without
 * depending on those modules. Lines are plain words for that person: no internal ids.
 */
public interface HomePanel {

	/** Where the panel stands among the others, smallest first. */
	int order();

	/**
	 * @param sessionId the id of the session the page is shown in (to tell "this device" from the others), or null
	 */
	Panel of(AccountId account, String sessionId);

	/**
	 * @param id the panel's HTML id
	 * @param href where the whole story is, with {@code linkLabel}
	 */
	record Panel(String id, String title, List<String> lines, String href, String linkLabel) {

		@Override
		public String toString() {
			return "Panel[" + id + "]";
		}
	}
}
