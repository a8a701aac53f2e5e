/**
 * What Pledge tells about its processing, computed from the inventory, the holders' declared stores and the
 * configured periods: the public privacy notice ({@code GET /privacy}) and the record of processing activities
 * (Art. 30 GDPR) for platform administrators; {@link Periods} writes a duration as both print it;
 * {@link NoticeProperties} are the processors, the hosting region and the supervisory authority both name. Holds no
 * personal data.
 */
package eu.pledge.privacy.notice;
