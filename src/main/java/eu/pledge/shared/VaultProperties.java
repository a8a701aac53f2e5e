package eu.pledge.shared;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Where the master key comes from.
 *
 * @param masterKey base64 of 32 random bytes (e.g. from {@code PLEDGE_VAULT_MASTER_KEY}); wins over the file
 * @param masterKeyFile the key file, created with mode 600 on first start when absent (default
 *        {@code <data-dir>/master.key})
 * @param keyCacheTtl how long an unwrapped data key stays in memory
 */
@Validated
@ConfigurationProperties("pledge.vault")
public record VaultProperties(String masterKey, Path masterKeyFile,
		@DefaultValue("5m") Duration keyCacheTtl) {
}
