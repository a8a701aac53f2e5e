/**
 * The data inventory, policy as code: every category of personal data Pledge holds ({@link Category}), why
 * ({@link Purpose}), on what legal basis, who reads it and how long it lives. The privacy notice, the record of
 * processing, the data page and the inventory check all read this one list. Holds no personal data.
 */
package eu.pledge.privacy.inventory;
