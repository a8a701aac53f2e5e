package eu.pledge.privacy.rights;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The data page as a person reads it: a summary first (each category, how many items, when they go), then each
 * category with its items a page at a time, in plain labels; the server logs as a count per day (each line is in the
 * export). Internal ids are left out: they mean nothing to a person, and the export has them.
 */
final class DataPageView {

	static final int PAGE_SIZE = 10;
	static final String SERVER_LOGS = "server-logs";

	private static final Pattern ID = Pattern
		.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", Pattern.CASE_INSENSITIVE);
	private static final Pattern ID_NAME = Pattern.compile("(?i).*(^id|Id|Ids|^key|Key|Hash|hash|Digest|digest)$");
	private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.ENGLISH);

	record Link(String href, String label) {
	}

	record Field(String name, String value) {
	}

	record ItemView(String kind, String deletion, List<Field> fields) {
	}

	record DayCount(String day, int count) {
	}

	record SummaryRow(String name, String title, int count, String retention) {
	}

	/**
	 * @param page the page of items shown (from 1), {@code pages} how many there are
	 * @param days for the server logs: requests per day, newest first (else empty)
	 */
	record CategoryView(String name, String title, String description, List<String> purposes, String legalBasis,
			String readers, String retention, int count, List<ItemView> items, int page, int pages,
			List<DayCount> days, List<Link> links) {

		public String pageLink(int number) {
			return "/account/data?category=" + name + "&page=" + number + "#category-" + name;
		}
	}

	private final JsonMapper json;
	private final ZoneId zone;
	private final int pageSize;

	/** The data page's view: {@value #PAGE_SIZE} items a page, server-log lines counted per day. */
	DataPageView(JsonMapper json, ZoneId zone) {
		this(json, zone, PAGE_SIZE);
	}

	private DataPageView(JsonMapper json, ZoneId zone, int pageSize) {
		this.json = json;
		this.zone = zone;
		this.pageSize = pageSize;
	}

	/** The readable copy of the export: every item on one page, every server-log line. */
	static DataPageView whole(JsonMapper json, ZoneId zone) {
		return new DataPageView(json, zone, Integer.MAX_VALUE);
	}

	List<SummaryRow> summary(DataReport report) {
		return report.categories().stream()
			.map(category -> new SummaryRow(category.name(), category.title(), category.items().size(),
					category.retention()))
			.toList();
	}

	CategoryView category(DataReport.CategoryData category, List<Link> links, String openCategory, int requestedPage) {
		int count = category.items().size();
		int pages = Math.max(1, (int) ((count + (long) pageSize - 1) / pageSize));
		int page = category.name().equals(openCategory) ? Math.min(Math.max(1, requestedPage), pages) : 1;
		List<ItemView> items = List.of();
		List<DayCount> days = List.of();
		if (SERVER_LOGS.equals(category.name()) && pageSize == PAGE_SIZE) {
			days = perDay(category.items());
			pages = 1;
			page = 1;
		}
		else {
			items = category.items().stream().skip((long) (page - 1) * pageSize).limit(pageSize)
				.map(item -> new ItemView(label(item.kind()), item.deletion(), fields(item.data())))
				.toList();
		}
		return new CategoryView(category.name(), category.title(), category.description(), category.purposes(),
				category.legalBasis(), category.readers(), category.retention(), count, items, page, pages, days,
				links);
	}

	/** Access log lines counted per day of the request, in the person's time zone. */
	private List<DayCount> perDay(List<DataReport.ItemData> items) {
		Map<LocalDate, Integer> counts = new TreeMap<>(java.util.Comparator.reverseOrder());
		for (DataReport.ItemData item : items) {
			JsonNode node = json.valueToTree(item.data());
			JsonNode time = node.get("time");
			if (time == null || !time.isString()) {
				continue;
			}
			try {
				counts.merge(Instant.parse(time.asString()).atZone(zone).toLocalDate(), 1, Integer::sum);
			}
			catch (java.time.format.DateTimeParseException unreadable) {
				// a line this page cannot date is still in the export
			}
		}
		List<DayCount> days = new ArrayList<>();
		counts.forEach((day, count) -> days.add(new DayCount(DAY.format(day), count)));
		return days;
	}

	/** The item's fields as plain text, without internal ids: nested values as compact JSON. */
	private List<Field> fields(Object item) {
		JsonNode node = json.valueToTree(item);
		if (!node.isObject()) {
			return List.of(new Field("Value", node.isString() ? node.asString() : node.toString()));
		}
		List<Field> fields = new ArrayList<>();
		for (Map.Entry<String, JsonNode> entry : node.properties()) {
			JsonNode value = entry.getValue();
			String text = value.isNull() ? null : value.isValueNode() ? value.asString() : value.toString();
			if (text == null || text.isBlank() || ID_NAME.matcher(entry.getKey()).matches() || ID.matcher(text).find()) {
				continue;
			}
			fields.add(new Field(label(entry.getKey()), text));
		}
		return fields;
	}

	/** {@code postalCode}, {@code access-log-line} → "Postal code", "Access log line". */
	static String label(String name) {
		String spaced = name.replaceAll("([a-z])([A-Z])", "$1 $2").replace('-', ' ').replace('_', ' ').replace('.', ' ')
			.toLowerCase(Locale.ROOT).trim();
		return spaced.isEmpty() ? name : Character.toUpperCase(spaced.charAt(0)) + spaced.substring(1);
	}
}
