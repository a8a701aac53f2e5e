package eu.pledge.privacy.rights;

import java.time.Clock;
import java.util.List;

import jakarta.servlet.http.HttpServletResponse;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

import eu.pledge.shared.AccountId;
import eu.pledge.shared.TimeZones;
import tools.jackson.databind.json.JsonMapper;

/**
 * The export as a page a person can read and print ({@code /account/data/export}): the same report as the JSON
 * download, every item and every server-log line, in plain labels. It is an export like the download: audited
 * and mailed to the person the same way.
 */
@Controller
class ExportPage {

	private final PersonalData data;
	private final ApplicationEventPublisher events;
	private final RightsMails mails;
	private final Clock clock;
	private final JsonMapper json;
	private final TimeZones zones;

	ExportPage(PersonalData data, ApplicationEventPublisher events, RightsMails mails, Clock clock, JsonMapper json,
			org.springframework.beans.factory.ObjectProvider<TimeZones> zones) {
		this.data = data;
		this.events = events;
		this.mails = mails;
		this.clock = clock;
		this.json = json;
		this.zones = TimeZones.orUtc(zones);
	}

	@GetMapping("/account/data/export")
	String page(Authentication authentication, Model model, HttpServletResponse response) {
		AccountId account = AccountId.from(authentication);
		DataReport report = data.of(account);
		DataPageView view = DataPageView.whole(json, zones.of(account));
		model.addAttribute("report", report);
		model.addAttribute("generatedAt", zones.format(report.generatedAt(), account));
		model.addAttribute("categories", report.categories().stream()
			.map(category -> view.category(category, List.of(), null, 1)).toList());
		events.publishEvent(new PersonalDataExported(account, report.itemCount(), clock.instant()));
		mails.exported(account);
		response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
		return "privacy/export";
	}
}
