package eu.pledge.privacy.notice;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Who else handles personal data for the controller, where the systems run, and where a person can complain:
 * the privacy notice and the record of processing print these, and the compliance check compares them with what
 * is configured to leave the server (the SMTP relay) and with the promise of hosting within the EU.
 *
 * @param hosting where Pledge's systems run and whether the notice promises hosting within the EU/EEA
 * @param processors every processor (Art. 28 GDPR): the hosting provider, an outside mail relay, ...
 * @param supervisoryAuthority the authority the notice names for complaints (Art. 77 GDPR)
 */
@Validated
@ConfigurationProperties("pledge.privacy")
public record NoticeProperties(@Valid @NotNull @DefaultValue Hosting hosting,
		@Valid @NotNull @DefaultValue List<@Valid @NotNull Processor> processors,
		@Valid @NotNull @DefaultValue SupervisoryAuthority supervisoryAuthority) {

	/** The EU member states and the other EEA states (Iceland, Liechtenstein, Norway), as ISO 3166-1 codes. */
	public static final Set<String> EU_EEA = Set.of("AT", "BE", "BG", "HR", "CY", "CZ", "DK", "EE", "FI", "FR", "DE",
			"GR", "HU", "IE", "IT", "LV", "LT", "LU", "MT", "NL", "PL", "PT", "RO", "SK", "SI", "ES", "SE", "IS", "LI",
			"NO");

	private static final Set<String> COUNTRIES = Set.copyOf(Arrays.asList(Locale.getISOCountries()));

	/** The processors located outside the EU/EEA: transfers to third countries (Art. 30(1)(e), Art. 44 ff.). */
	public List<Processor> outsideEea() {
		return processors.stream().filter(processor -> !processor.withinEea()).toList();
	}

	/**
	 * @param region where the systems run, in the notice's words (e.g. "Frankfurt, Germany")
	 * @param withinEu whether the notice promises that every system, processors' included, is in the EU/EEA
	 */
	public record Hosting(@NotBlank @Size(max = 200) @DefaultValue("the European Union") String region,
			@DefaultValue("true") boolean withinEu) {
	}

	/**
	 * @param name the processor's legal name
	 * @param purpose what it does for the controller
	 * @param location the country it processes in, as an ISO 3166-1 alpha-2 code ({@code DE}, {@code US})
	 * @param contact how to reach it (postal address or email)
	 * @param hosts the host names of the services it runs for Pledge (an SMTP relay's); a host below one of them
	 *        counts as it too ({@code relay.example} covers {@code smtp.relay.example})
	 */
	public record Processor(@NotBlank @Size(max = 200) String name, @NotBlank @Size(max = 500) String purpose,
			@NotBlank @Pattern(regexp = "[A-Z]{2}", message = "must be an ISO 3166-1 country code in capitals, such as DE") String location,
			@NotBlank @Size(max = 500) String contact, @NotNull @DefaultValue List<@NotBlank String> hosts) {

		@AssertTrue(message = "must be an ISO 3166-1 country code in capitals, such as DE")
		public boolean isKnownLocation() {
			return location == null || !location.matches("[A-Z]{2}") || COUNTRIES.contains(location);
		}

		public boolean withinEea() {
			return EU_EEA.contains(location);
		}

		/** The country in English, e.g. "Germany (DE)". */
		public String country() {
			return new Locale("", location).getDisplayCountry(Locale.ENGLISH) + " (" + location + ")";
		}

		/** Whether this processor runs the service at {@code host}. */
		public boolean runs(String host) {
			String wanted = host.toLowerCase(Locale.ROOT);
			return hosts.stream().map(own -> own.toLowerCase(Locale.ROOT))
					.anyMatch(own -> wanted.equals(own) || wanted.endsWith("." + own));
		}
	}

	/**
	 * @param name the authority's name; empty: the notice names none and points to the authority where the person
	 *        lives, works or where the infringement took place
	 * @param address its postal address or other contact
	 */
	public record SupervisoryAuthority(@NotNull @Size(max = 300) @DefaultValue("") String name,
			@NotNull @Size(max = 500) @DefaultValue("") String address) {

		public boolean named() {
			return !name.isBlank();
		}
	}
}
