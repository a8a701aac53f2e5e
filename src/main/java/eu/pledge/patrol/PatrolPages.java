package eu.pledge.patrol;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.protection.Decisions;
import eu.pledge.protection.Switches;
import eu.pledge.shared.AccountId;

/**
 * {@code /admin/patrol}: the live feed of detections (a script served by Pledge follows the feed), the responses
 * in force with a button to lift each, the loudest sources and accounts of the last hour, the detections per hour
 * of the last day as a chart drawn in SVG on the server, each rule with its counts, and the machines' keys.
 */
@Controller
class PatrolPages {

	/** The chart's drawing area, in SVG units. */
	static final int CHART_WIDTH = 720;
	static final int CHART_HEIGHT = 120;

	private final Overview overview;
	private final Decisions decisions;
	private final Switches switches;
	private final Lifts lifts;
	private final PatrolKeys keys;
	private final Clock clock;

	PatrolPages(Overview overview, Decisions decisions, Switches switches, Lifts lifts, PatrolKeys keys, Clock clock) {
		this.overview = overview;
		this.decisions = decisions;
		this.switches = switches;
		this.lifts = lifts;
		this.keys = keys;
		this.clock = clock;
	}

	/** One bar of the chart, positioned and sized on the server so that the page needs no script to draw it. */
	record Bar(int x, int y, int width, int height, String label) {
	}

	@GetMapping("/admin/patrol")
	String page(Model model) {
		Instant now = clock.instant();
		List<Overview.Hour> hours = overview.perHour(now);
		long max = Math.max(1, hours.stream().mapToLong(Overview.Hour::detections).max().orElse(1));
		int width = CHART_WIDTH / hours.size();
		List<Bar> bars = new java.util.ArrayList<>();
		for (int i = 0; i < hours.size(); i++) {
			long detections = hours.get(i).detections();
			// an hour with detections never looks empty, however loud the loudest hour was
			int height = detections == 0 ? 0
					: Math.max(2, (int) Math.round((double) detections / max * (CHART_HEIGHT - 10)));
			bars.add(new Bar(i * width + 1, CHART_HEIGHT - height, width - 2, height,
					hours.get(i).start().toString().substring(11, 16) + " UTC: " + detections));
		}
		model.addAttribute("bars", bars);
		model.addAttribute("chartWidth", CHART_WIDTH);
		model.addAttribute("chartHeight", CHART_HEIGHT);
		model.addAttribute("dayTotal", hours.stream().mapToLong(Overview.Hour::detections).sum());
		model.addAttribute("responses", java.util.stream.Stream.concat(decisions.inForce().stream(),
				switches.inForce().stream()).toList());
		model.addAttribute("topAddresses", overview.topAddresses(now));
		model.addAttribute("topAccounts", overview.topAccounts(now));
		model.addAttribute("rules", overview.rules(now));
		model.addAttribute("bouncers", keys.list(PatrolKeys.Kind.BOUNCER));
		model.addAttribute("systems", keys.list(PatrolKeys.Kind.SYSTEM));
		return "patrol/patrol";
	}

	@PostMapping("/admin/patrol/responses/{id}/lift")
	String lift(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
		lifts.lift(AccountId.from(authentication), id);
		redirect.addFlashAttribute("notice", "Decision " + id + " lifted.");
		return "redirect:/admin/patrol";
	}
}
