package eu.pledge.audit;

import java.util.Locale;
import java.util.Map;

/**
 * An audit event in a person's words ("You signed in", "Wrong second-factor code") for their own activity page and
 * their home page. The codes stay in the trail, the API and the administrators' view; a code this list does not
 * know is shown as words made from it ({@code sso.logout-sent} → "Sso logout sent").
 */
final class Wording {

	private static final Map<String, String> SENTENCES = Map.ofEntries(
			Map.entry("login.succeeded", "You signed in"),
			Map.entry("login.blocked", "Sign-in held back after too many attempts"),
			Map.entry("session.ended", "A session of yours ended"),
			Map.entry("account.registered", "You created your account"),
			Map.entry("account.email-verified", "You confirmed your email address"),
			Map.entry("account.email-changed", "Your email address was changed"),
			Map.entry("account.password-changed", "Your password was changed"),
			Map.entry("account.password-reset-requested", "A password reset was asked for"),
			Map.entry("account.preferences-changed", "You changed your preferences"),
			Map.entry("account.profile-corrected", "You corrected your name or postal address"),
			Map.entry("account.recovery-code-used", "A recovery code was used to sign in"),
			Map.entry("account.second-factor-enabled", "You turned on two-step sign-in"),
			Map.entry("account.second-factor-disabled", "Two-step sign-in was turned off"),
			Map.entry("account.administrator-created", "Your account became a platform administrator"),
			Map.entry("access.denied", "A page or action was refused: not allowed"),
			Map.entry("membership.invited", "An invitation to an organisation was sent"),
			Map.entry("membership.invitation-resent", "An invitation to an organisation was sent again"),
			Map.entry("membership.joined", "You joined an organisation"),
			Map.entry("membership.removed", "You left an organisation, or were removed from it"),
			Map.entry("privacy.viewed", "You looked at your data"),
			Map.entry("privacy.exported", "You downloaded your data"),
			Map.entry("privacy.restriction.set", "You restricted the processing of your data"),
			Map.entry("privacy.restriction.lifted", "The restriction of processing was lifted"),
			Map.entry("sso.signed-out", "You were signed out of an app"),
			Map.entry("sso.app-signed-out", "You signed out of an app"),
			Map.entry("sso.refresh-token-reused", "An app's sign-in was ended: its token was used twice"),
			Map.entry("sso.authorization-code-reused", "An app's sign-in was ended: its sign-in code was used twice"));

	private static final Map<String, String> FAILED_SIGN_INS = Map.of("WRONG_PASSWORD", "Wrong password at sign-in",
			"WRONG_SECOND_FACTOR", "Wrong second-factor code", "UNVERIFIED",
			"Sign-in before the email address was confirmed", "UNKNOWN_ACCOUNT", "Sign-in with an unknown email address");

	private Wording() {
	}

	static String sentence(AuditSearch.Entry entry) {
		if ("login.failed".equals(entry.action())) {
			String reason = entry.detail() == null ? null : entry.detail().get("reason");
			return FAILED_SIGN_INS.getOrDefault(reason == null ? "" : reason, "Failed sign-in");
		}
		String known = SENTENCES.get(entry.action());
		return known != null ? known : words(entry.action());
	}

	/** Who did it, seen by the person the page is for. */
	static String who(AuditSearch.Entry entry) {
		if (entry.actor() == null) {
			return "Pledge, or someone not signed in";
		}
		return AuditSearch.Entry.ANOTHER_ACCOUNT.equals(entry.actor()) ? "Someone else" : "You";
	}

	static String outcome(AuditSearch.Entry entry) {
		return switch (entry.outcome() == null ? "" : entry.outcome().toUpperCase(Locale.ROOT)) {
			case "SUCCESS" -> "Done";
			case "FAILURE" -> "Failed";
			case "DENIED" -> "Refused";
			default -> entry.outcome() == null ? "" : words(entry.outcome());
		};
	}

	static String words(String code) {
		String spaced = code.replace('.', ' ').replace('-', ' ').replace('_', ' ').toLowerCase(Locale.ROOT).trim();
		return spaced.isEmpty() ? code : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}
}
