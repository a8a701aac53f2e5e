package eu.pledge.patrol;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

import eu.pledge.protection.Decisions;
import eu.pledge.protection.Switches;
import eu.pledge.shared.AccountId;
import eu.pledge.shared.Rejected;

/**
 * {@code /admin/patrol}: the live feed of detections (a script served by Pledge follows the feed), the responses
 * in force with a button to lift each, the loudest sources and accounts of the last hour, the detections per hour
 * of the last day as a chart drawn in SVG on the server, each rule with its counts and silences, and the machines'
 * keys.
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
	private final Silences silences;
	private final Silencing silencing;
	private final PatrolKeys keys;
	private final Clock clock;

	PatrolPages(Overview overview, Decisions decisions, Switches switches, Lifts lifts, Silences silences,
			Silencing silencing, PatrolKeys keys, Clock clock) {
		this.overview = overview;
		this.decisions = decisions;
		this.switches = switches;
		this.lifts = lifts;
		this.silences = silences;
		this.silencing = silencing;
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
		model.addAttribute("silences", silences.active(now));
		model.addAttribute("bouncers", keys.list(PatrolKeys.Kind.BOUNCER));
		model.addAttribute("systems", keys.list(PatrolKeys.Kind.SYSTEM));
		return "patrol/patrol";
	}

	/** {@code hours}: how long the silence lasts, 1 by default. */
	@PostMapping("/admin/patrol/silences")
	String silence(@RequestParam(required = false) String rule, @RequestParam(required = false) String key,
			@RequestParam(required = false) String hours, Authentication authentication, RedirectAttributes redirect) {
		try {
			Instant until = null;
			if (hours != null && !hours.isBlank()) {
				try {
					until = clock.instant().plus(Duration.ofHours(Integer.parseInt(hours.strip())));
				}
				catch (NumberFormatException ex) {
					throw Rejected.badRequest("hours", "Hours is a whole number.");
				}
			}
			Silences.Silence silence = silencing.silence(AccountId.from(authentication), rule, key, until);
			redirect.addFlashAttribute("notice", "Rule " + silence.rule() + " silenced (silence " + silence.id() + ").");
		}
		catch (Rejected ex) {
			redirect.addFlashAttribute("error", ex.getMessage());
			redirect.addFlashAttribute("invalid", ex.field());
		}
		return "redirect:/admin/patrol";
	}

	@PostMapping("/admin/patrol/silences/{id}/end")
	String endSilence(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
		silencing.end(AccountId.from(authentication), id);
		redirect.addFlashAttribute("notice", "Silence " + id + " ended.");
		return "redirect:/admin/patrol";
	}

	@PostMapping("/admin/patrol/responses/{id}/lift")
	String lift(@PathVariable long id, Authentication authentication, RedirectAttributes redirect) {
		lifts.lift(AccountId.from(authentication), id);
		redirect.addFlashAttribute("notice", "Decision " + id + " lifted.");
		return "redirect:/admin/patrol";
	}
}
