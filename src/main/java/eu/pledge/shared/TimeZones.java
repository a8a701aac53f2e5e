package eu.pledge.shared;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * The time zone a person reads times in (their preference; UTC until they choose one), for every page that shows
 * them a time. The accounts module answers it; pages of other modules ask without depending on it.
 */
public interface TimeZones {

	DateTimeFormatter TO_THE_SECOND = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm:ss", Locale.ENGLISH);

	/** The person's zone, UTC when they have not chosen one (or the account is gone). */
	ZoneId of(AccountId account);

	/** {@code 5 Dec 2026, 14:03:07 (Europe/Brussels)}: to the second, in the person's zone, which it names. */
	default String format(Instant instant, AccountId account) {
		return format(instant, of(account));
	}

	/**
	 * The accounts module's answer, or UTC for everyone where it is not part of the application (a module's own
	 * tests start only that module and what it depends on).
	 */
	static TimeZones orUtc(org.springframework.beans.factory.ObjectProvider<TimeZones> zones) {
		return zones.getIfAvailable(() -> account -> ZoneOffset.UTC);
	}

	static String format(Instant instant, ZoneId zone) {
		if (instant == null) {
			return "";
		}
		return TO_THE_SECOND.format(instant.atZone(zone)) + " (" + (zone.equals(ZoneOffset.UTC) ? "UTC" : zone.getId()) + ")";
	}
}
