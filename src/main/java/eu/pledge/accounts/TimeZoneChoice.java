package eu.pledge.accounts;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.TimeZones;

/** The time zones a person can choose (the JDK's region ids) and the answer to "which is this person's?". */
@Component
class TimeZoneChoice implements TimeZones {

	static final String PATTERN = "[A-Za-z][A-Za-z0-9_+/-]{0,63}";
	static final String MESSAGE = "Choose a time zone from the list.";

	/** Regions only ("Europe/Brussels"), sorted: what a person recognises; the old three-letter ids are left out. */
	static final List<String> ZONES = ZoneId.getAvailableZoneIds().stream()
		.filter(id -> id.contains("/") && !id.startsWith("Etc/") && !id.startsWith("SystemV/"))
		.sorted()
		.toList();

	private final Preferences preferences;

	TimeZoneChoice(Preferences preferences) {
		this.preferences = preferences;
	}

	@Override
	public ZoneId of(AccountId account) {
		return zone(preferences.of(account).timeZone());
	}

	static ZoneId zone(String id) {
		if (id == null || id.isEmpty()) {
			return ZoneOffset.UTC;
		}
		try {
			return ZoneId.of(id);
		}
		catch (DateTimeException gone) { // a zone a later JDK dropped: UTC rather than a failed page
			return ZoneOffset.UTC;
		}
	}

	static boolean known(String id) {
		return id == null || id.isEmpty() || "UTC".equals(id) || ZONES.contains(id);
	}
}
