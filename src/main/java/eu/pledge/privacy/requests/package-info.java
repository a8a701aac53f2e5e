/**
 * Data-subject requests received another way (by mail, through the contact form), recorded and tracked by the
 * vendor's administrators against the statutory deadline: their pages and API, the SQL of {@code privacy_requests},
 * and the request records as personal data with their retention rule ({@link RequestRecords}). Other modules
 * record a request through the facade {@link eu.pledge.privacy.DataSubjectRequests}.
 */
package eu.pledge.privacy.requests;
