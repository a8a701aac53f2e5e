package eu.pledge.browser;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;

import eu.pledge.testing.Browser;

/**
 * What the browser tests check on every page they open: axe-core's WCAG 2.1 A and AA rules (the vendored
 * {@code axe/axe.min.js}, injected by the test, never served by Pledge), no sideways scrolling, and on a person's
 * own pages no "null" and no raw id in the visible text. Each check returns what it found, so one walk reports
 * every page's problems at once.
 */
final class Pages {

	static final Dimension DESKTOP = new Dimension(1280, 1000);
	static final Dimension PHONE = new Dimension(390, 844);

	private static final Pattern UUID = Pattern
		.compile("\\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\\b", Pattern.CASE_INSENSITIVE);
	private static final Pattern NULL = Pattern.compile("\\bnull\\b", Pattern.CASE_INSENSITIVE);

	private static final String AXE = read("/axe/axe.min.js");

	private static final String RUN_AXE = """
			var done = arguments[arguments.length - 1];
			axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } })
			  .then(function (result) {
			    done(result.violations.map(function (v) {
			      return v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(function (n) {
			        return n.target.join(' ') + ' ' + (n.failureSummary || '').replace(/\\s+/g, ' ').substring(0, 160);
			      }).join(' | ');
			    }));
			  }, function (error) { done(['axe failed: ' + error]); });
			""";

	private Pages() {
	}

	/** The problems on the page now shown at the browser's current size, each prefixed with where. */
	static List<String> problems(Browser browser, String label, boolean personal) {
		JavascriptExecutor js = (JavascriptExecutor) browser.driver();
		List<String> found = new ArrayList<>();
		String where = label + " " + browser.url().replaceFirst("^http://localhost:\\d+", "") + " @"
				+ js.executeScript("return window.innerWidth") + "px: ";
		js.executeScript(AXE);
		@SuppressWarnings("unchecked")
		List<String> violations = (List<String>) js.executeAsyncScript(RUN_AXE);
		violations.forEach(violation -> found.add(where + violation));
		@SuppressWarnings("unchecked")
		Map<String, Object> widths = (Map<String, Object>) js.executeScript(
				"return { scroll: document.documentElement.scrollWidth, inner: window.innerWidth }");
		long scroll = ((Number) widths.get("scroll")).longValue();
		long inner = ((Number) widths.get("inner")).longValue();
		if (scroll > inner) {
			found.add(where + "scrolls sideways (" + scroll + " > " + inner + ")");
		}
		if (personal) {
			String text = browser.page();
			Matcher id = UUID.matcher(text);
			if (id.find()) {
				found.add(where + "shows a raw id " + id.group());
			}
			Matcher nothing = NULL.matcher(text);
			if (nothing.find()) {
				int at = nothing.start();
				found.add(where + "shows \"null\": …" + text.substring(Math.max(0, at - 40), Math.min(text.length(),
						at + 20)).replace('\n', ' ') + "…");
			}
		}
		return found;
	}

	/** Opens each path at desktop and phone width and gathers every problem. */
	static List<String> walk(Browser browser, String label, boolean personal, List<String> paths) {
		List<String> found = new ArrayList<>();
		for (Dimension size : List.of(DESKTOP, PHONE)) {
			browser.driver().manage().window().setSize(size);
			for (String path : paths) {
				browser.open(path);
				found.addAll(problems(browser, label, personal));
			}
		}
		browser.driver().manage().window().setSize(DESKTOP);
		return found;
	}

	private static String read(String resource) {
		try (InputStream in = Pages.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException(resource + " is missing from the test resources");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}
}
