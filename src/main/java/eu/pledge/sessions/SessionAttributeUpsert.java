package eu.pledge.sessions;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

import javax.sql.DataSource;

/**
 * Spring Session's query for a session attribute that is new to the session, as an upsert. Requests of one
 * session that run at once (a double-clicked form, a script posting forty times) each load the session before
 * any of them saved it, so each sees the same attribute (a flash map, a saved request) as new and inserts it:
 * with a plain INSERT every request after the first failed on the attributes' primary key and answered 500.
 * With the upsert the last writer wins, as it does for attributes that were already there.
 */
final class SessionAttributeUpsert {

	static final String POSTGRESQL = """
			INSERT INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			VALUES (?, ?, ?)
			ON CONFLICT (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) DO UPDATE SET ATTRIBUTE_BYTES = EXCLUDED.ATTRIBUTE_BYTES
			""";
	static final String H2 = """
			MERGE INTO %TABLE_NAME%_ATTRIBUTES (SESSION_PRIMARY_ID, ATTRIBUTE_NAME, ATTRIBUTE_BYTES)
			KEY (SESSION_PRIMARY_ID, ATTRIBUTE_NAME) VALUES (?, ?, ?)
			""";

	private SessionAttributeUpsert() {
	}

	/** The upsert in the dialect of the database behind {@code dataSource} (PostgreSQL or H2, as Pledge runs on). */
	static String forDatabase(DataSource dataSource) {
		String product;
		try (Connection connection = dataSource.getConnection()) {
			product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
		}
		catch (SQLException ex) {
			throw new IllegalStateException("Cannot tell which database stores the sessions", ex);
		}
		if (product.contains("postgres")) {
			return POSTGRESQL;
		}
		if (product.contains("h2")) {
			return H2;
		}
		throw new IllegalStateException("Sessions are stored on PostgreSQL or H2 only, not on " + product);
	}
}
