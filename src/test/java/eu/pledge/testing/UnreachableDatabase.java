package eu.pledge.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.util.Properties;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import com.zaxxer.hikari.HikariDataSource;

/**
 * Lets a test take the database away and give it back, the way a stopped PostgreSQL server looks to Pledge:
 * Hikari's pool stays as configured, but every new connection is refused ({@code 08001}, as PostgreSQL's
 * driver reports a refused connection) and the pooled ones are evicted, so requests wait for Hikari's
 * {@code connection-timeout} and get its {@code SQLTransientConnectionException}. Once restored, Hikari opens
 * connections again by itself. Declare it as a static {@code @Bean}: it replaces how the pool connects before
 * the pool starts.
 */
public class UnreachableDatabase implements BeanPostProcessor {

	private volatile boolean unreachable;
	private volatile HikariDataSource pool;

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof HikariDataSource hikari && hikari.getDataSource() == null && pool == null) {
			hikari.setDataSource(new Switched(hikari.getJdbcUrl()));
			pool = hikari;
		}
		return bean;
	}

	/** From now on no connection can be opened, and the pool's idle connections are closed. */
	public void cutOff() {
		unreachable = true;
		pool.getHikariPoolMXBean().softEvictConnections();
	}

	public void restore() {
		unreachable = false;
	}

	private final class Switched extends DriverManagerDataSource {

		Switched(String url) {
			super(url);
		}

		@Override
		protected Connection getConnectionFromDriver(Properties properties) throws SQLException {
			if (unreachable) {
				throw new SQLNonTransientConnectionException("Connection refused (the test cut the database off)",
						"08001");
			}
			return super.getConnectionFromDriver(properties);
		}
	}
}
