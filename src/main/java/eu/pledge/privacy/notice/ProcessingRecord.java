package eu.pledge.privacy.notice;

import eu.pledge.privacy.spi.SystemRecipients;

import java.util.List;

import eu.pledge.privacy.PrivacyProperties;

/**
 * The record of processing activities (Art. 30(1) GDPR), as the administrators' page and API show it.
 *
 * @param controller name and contact of the controller and of the data protection officer
 * @param purposes every purpose of processing
 * @param dataSubjects the categories of data subjects
 * @param activities one per category of personal data: purposes, basis, who reads it, retention, where it is kept
 * @param recipients recipients to whom data is disclosed (Art. 30(1)(d)): the configured processors
 * @param systems the vendor's own systems that receive data through single sign-on, and what each receives
 * @param transfers transfers to third countries (Art. 30(1)(e)): the processors outside the EU/EEA
 * @param hosting where the systems run, and whether hosting within the EU/EEA is promised
 * @param securityMeasures the technical and organisational measures Pledge implements (Art. 32)
 */
record ProcessingRecord(PrivacyProperties.Controller controller, List<String> purposes, List<String> dataSubjects,
		List<Activity> activities, List<Recipient> recipients, List<SystemRecipients.SystemRecipient> systems,
		List<Recipient> transfers, NoticeProperties.Hosting hosting,
		List<String> securityMeasures) {

	/**
	 * A processor as the record lists it.
	 *
	 * @param location its ISO 3166-1 country code
	 * @param country the country in words
	 * @param withinEea whether the country is in the EU or the European Economic Area
	 */
	record Recipient(String name, String purpose, String location, String country, boolean withinEea, String contact) {

		static Recipient of(NoticeProperties.Processor processor) {
			return new Recipient(processor.name(), processor.purpose(), processor.location(), processor.country(),
					processor.withinEea(), processor.contact());
		}
	}

	record Activity(String category, String title, String description, List<String> purposes, String legalBasis,
			String readers, String retention, List<String> stores) {
	}
}
