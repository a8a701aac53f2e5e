package eu.pledge.sessions;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;

import eu.pledge.shared.AccountId;

/** Session attributes come back exactly as stored, in the compact form or the Java-serialised one. */
class SessionAttributeCodecTests {

	private static final TypeDescriptor OBJECT = TypeDescriptor.valueOf(Object.class);
	private static final TypeDescriptor BYTES = TypeDescriptor.valueOf(byte[].class);

	private final SessionAttributeCodec codec = new SessionAttributeCodec(getClass().getClassLoader());

	private byte[] store(Object value) {
		return (byte[]) codec.convert(value, OBJECT, BYTES);
	}

	private Object load(byte[] bytes) {
		return codec.convert(bytes, BYTES, OBJECT);
	}

	private static byte[] javaSerialised(Object value) {
		return new SerializingConverter().convert(value);
	}

	@Test
	void keepsTheSignInTimeCompactly() {
		for (long value : new long[] { 0, 1, -1, 1_795_000_000_123L, Long.MIN_VALUE, Long.MAX_VALUE }) {
			byte[] bytes = store(value);
			assertThat(bytes).hasSize(9);
			assertThat(load(bytes)).isEqualTo(value);
		}
	}

	@Test
	void keepsTheSecurityContextOfASignedInAccountCompactly() {
		SecurityContextImpl context = new SecurityContextImpl(
				SignIn.authentication(AccountId.random(), Set.of("ADMIN")));

		byte[] bytes = store(context);

		assertThat(bytes.length).isLessThan(javaSerialised(context).length / 4);
		SecurityContextImpl loaded = (SecurityContextImpl) load(bytes);
		assertThat(loaded).isEqualTo(context);
		assertThat(loaded.getAuthentication().isAuthenticated()).isTrue();
		assertThat(loaded.getAuthentication().getName()).isEqualTo(context.getAuthentication().getName());
		assertThat(List.copyOf(loaded.getAuthentication().getAuthorities()))
			.isEqualTo(List.copyOf(context.getAuthentication().getAuthorities()));
	}

	@Test
	void keepsTextCompactly() {
		String longest = "\u20ac".repeat(65_535 / 3); // three bytes each in modified UTF-8: the compact form's limit
		for (String text : List.of("", "Firefox 131 on Windows", "/oauth2/authorize?client_id=crm&state=x",
				"\u00e9\u0000\ud83d\ude00", longest)) {
			byte[] bytes = store(text);
			assertThat(bytes[0]).isEqualTo((byte) 3);
			assertThat(bytes.length).isLessThan(javaSerialised(text).length);
			assertThat(load(bytes)).isEqualTo(text);
		}
		String tooLong = "x".repeat(65_535 / 3 + 1);
		assertThat(store(tooLong)).startsWith(0xAC, 0xED);
		assertThat(load(store(tooLong))).isEqualTo(tooLong);
	}

	@Test
	void readsSessionsStoredInJavaSerialisationBeforeTheCompactForm() {
		SecurityContextImpl context = new SecurityContextImpl(SignIn.authentication(AccountId.random(), Set.of()));

		assertThat(load(javaSerialised(context))).isEqualTo(context);
		assertThat(load(javaSerialised(42L))).isEqualTo(42L);
		assertThat(load(javaSerialised("Firefox 131 on Windows"))).isEqualTo("Firefox 131 on Windows");
	}

	@Test
	void javaSerialisesAnythingTheCompactFormCouldNotHoldInFull() {
		UsernamePasswordAuthenticationToken withDetails = UsernamePasswordAuthenticationToken.authenticated("someone",
				null, List.of(new SimpleGrantedAuthority("ROLE_USER")));
		withDetails.setDetails("details");
		UsernamePasswordAuthenticationToken notAuthenticated = UsernamePasswordAuthenticationToken
			.unauthenticated("someone", null);
		UsernamePasswordAuthenticationToken withCredentials = UsernamePasswordAuthenticationToken.authenticated("someone",
				"secret", List.of());
		SignIn.PendingSecondFactor pending = new SignIn.PendingSecondFactor("id", "key", 123L);

		for (Object value : List.of(new SecurityContextImpl(withDetails), new SecurityContextImpl(notAuthenticated),
				new SecurityContextImpl(withCredentials), new SecurityContextImpl(), pending, 7)) {
			byte[] bytes = store(value);
			assertThat(bytes).startsWith(0xAC, 0xED); // Java serialisation
			assertThat(load(bytes)).isEqualTo(value);
		}
	}
}
