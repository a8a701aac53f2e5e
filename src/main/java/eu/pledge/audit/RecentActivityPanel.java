package eu.pledge.audit;

import java.time.ZoneId;
import java.util.List;

import org.springframework.stereotype.Component;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.HomePanel;
import eu.pledge.shared.TimeZones;

/** The home page's last few lines of the person's own activity, in their words and time zone. */
@Component
class RecentActivityPanel implements HomePanel {

	static final int LINES = 5;

	private final AuditSearch search;
	private final TimeZones zones;

	RecentActivityPanel(AuditSearch search, org.springframework.beans.factory.ObjectProvider<TimeZones> zones) {
		this.search = search;
		this.zones = TimeZones.orUtc(zones);
	}

	@Override
	public int order() {
		return 30;
	}

	@Override
	public Panel of(AccountId account, String sessionId) {
		ZoneId zone = zones.of(account);
		AuditCriteria recent = AuditCriteria.parse(null, null, null, null, null, null, null, null,
				String.valueOf(LINES)).involving(account);
		List<String> lines = search.search(recent).items().stream()
			.map(entry -> Wording.sentence(entry) + " — " + TimeZones.format(entry.occurredAt(), zone))
			.toList();
		return new Panel("activity-panel", "Recent activity", lines.isEmpty() ? List.of("Nothing recorded yet.") : lines,
				"/account/audit", "All your activity");
	}
}
