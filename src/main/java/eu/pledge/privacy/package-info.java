/**
 * Privacy: the data inventory (policy as code), the privacy notice and the record of processing, the
 * data-subject rights (access, portability, correction, erasure, restriction), requests received another way,
 * personal-data breaches (Art. 33 and 34), the retention sweeper and the compliance check. It depends on nothing but {@code shared}: every module that
 * holds personal data implements {@link eu.pledge.privacy.spi.PersonalDataHolder}, and modules ask this one
 * whether an account's processing is restricted.
 * <p>
 * Its API is this package ({@link Holders}, {@link Restrictions}, {@link DataSubjectRequests} and their values)
 * and the named interface {@code spi}; the sub-packages {@code inventory}, {@code notice}, {@code rights},
 * {@code requests}, {@code breaches}, {@code retention} and {@code compliance} are internal to the module.
 * <p>
 * Personal data held: data-subject request records, restriction states and who was told of a breach.
 * Retention: closed requests and breach records as the inventory declares; a restriction while it lasts. Every retention rule of the application runs under this
 * module's sweeper; {@link eu.pledge.privacy.Holders#eraseAll} is the one erasure. See docs/PRIVACY.md.
 */
@org.springframework.modulith.ApplicationModule(displayName = "Privacy", allowedDependencies = { "shared" })
package eu.pledge.privacy;
