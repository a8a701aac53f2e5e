package eu.pledge.privacy.notice;

import java.util.List;

import eu.pledge.privacy.PrivacyProperties;

/**
 * The record of processing activities (Art. 30(1) GDPR), as the administrators' page and API show it.
 *
 * @param controller name and contact of the controller and of the data protection officer
 * @param purposes every purpose of processing
 * @param dataSubjects the categories of data subjects
 * @param activities one per category of personal data: purposes, basis, who reads it, retention, where it is kept
 * @param recipients recipients to whom data is disclosed (none)
 * @param transfers transfers to third countries or international organisations (none)
 * @param securityMeasures the technical and organisational measures Pledge implements (Art. 32)
 */
record ProcessingRecord(PrivacyProperties.Controller controller, List<String> purposes, List<String> dataSubjects,
		List<Activity> activities, List<String> recipients, List<String> transfers, List<String> securityMeasures) {

	record Activity(String category, String title, String description, List<String> purposes, String legalBasis,
			String readers, String retention, List<String> stores) {
	}
}
