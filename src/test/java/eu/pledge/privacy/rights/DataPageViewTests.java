package eu.pledge.privacy.rights;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.json.JsonMapper;

/** The data page's reading of the report: pages of ten, server-log lines per day in the person's zone, no ids. */
class DataPageViewTests {

	private final DataPageView view = new DataPageView(JsonMapper.builder().build(), ZoneId.of("Europe/Brussels"));

	@Test
	void showsTenItemsAPageInPlainLabelsWithoutIds() {
		List<DataReport.ItemData> items = new ArrayList<>();
		for (int i = 0; i < 25; i++) {
			items.add(new DataReport.ItemData("session-record", null, "when the session ends",
					Map.of("sessionId", UUID.randomUUID().toString(), "userAgent", "Firefox " + i, "owner",
							UUID.randomUUID().toString())));
		}
		DataReport.CategoryData sessions = category("sessions", items);

		DataPageView.CategoryView first = view.category(sessions, List.of(), null, 1);
		DataPageView.CategoryView last = view.category(sessions, List.of(), "sessions", 3);
		DataPageView.CategoryView beyond = view.category(sessions, List.of(), "sessions", 99);

		assertThat(first.count()).isEqualTo(25);
		assertThat(first.pages()).isEqualTo(3);
		assertThat(first.items()).hasSize(10);
		assertThat(last.items()).hasSize(5);
		assertThat(beyond.page()).isEqualTo(3);
		assertThat(first.items().get(0).kind()).isEqualTo("Session record");
		assertThat(first.items().get(0).fields()).extracting(DataPageView.Field::name).containsExactly("User agent");
		assertThat(first.pageLink(2)).isEqualTo("/account/data?category=sessions&page=2#category-sessions");
	}

	@Test
	void countsServerLogLinesPerDayInThePersonsZone() {
		List<DataReport.ItemData> lines = List.of(line("2026-12-04T22:59:59Z"), line("2026-12-04T23:00:00Z"),
				line("2026-12-05T10:00:00Z"), line("2026-12-03T10:00:00Z"));
		DataPageView.CategoryView logs = view.category(category(DataPageView.SERVER_LOGS, lines), List.of(), null, 1);

		assertThat(logs.items()).isEmpty();
		assertThat(logs.days()).containsExactly(new DataPageView.DayCount("Saturday 5 December 2026", 2),
				new DataPageView.DayCount("Friday 4 December 2026", 1),
				new DataPageView.DayCount("Thursday 3 December 2026", 1));
	}

	private static DataReport.ItemData line(String time) {
		return new DataReport.ItemData("access-log-line", Instant.parse(time).plusSeconds(86_400 * 60), "in 60 days",
				Map.of("time", time, "path", "/account", "status", 200));
	}

	private static DataReport.CategoryData category(String name, List<DataReport.ItemData> items) {
		return new DataReport.CategoryData(name, "Title", "Description", List.of("purpose"), "Art. 6(1)(b) GDPR",
				"you", "as long as you remain a customer", items);
	}
}
