/**
 * The duties every module that holds personal data implements, so that the inventory check, export, erasure
 * and the retention sweeper cover everything without {@code privacy} depending on every module.
 */
@org.springframework.modulith.NamedInterface("spi")
package eu.pledge.privacy.spi;
