package eu.pledge.sso;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpServer;

/** A system's back-channel logout endpoint: a real HTTP server on loopback that keeps the logout tokens it gets. */
final class LogoutReceiver implements AutoCloseable {

	private final HttpServer server;
	final List<String> tokens = new CopyOnWriteArrayList<>();
	/** How many requests to answer 500 before accepting, to see the retries. */
	final AtomicInteger failFirst = new AtomicInteger();

	LogoutReceiver() throws IOException {
		server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
		server.createContext("/backchannel-logout", exchange -> {
			String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
			int status = failFirst.getAndDecrement() > 0 ? 500 : 200;
			if (status == 200 && body.startsWith("logout_token=")) {
				tokens.add(URLDecoder.decode(body.substring("logout_token=".length()), StandardCharsets.UTF_8));
			}
			exchange.sendResponseHeaders(status, -1);
			exchange.close();
		});
		server.start();
	}

	String uri() {
		return "http://127.0.0.1:" + server.getAddress().getPort() + "/backchannel-logout";
	}

	@Override
	public void close() {
		server.stop(0);
	}
}
