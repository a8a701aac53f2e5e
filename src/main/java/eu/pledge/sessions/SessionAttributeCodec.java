package eu.pledge.sessions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.convert.ConversionService;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.serializer.support.DeserializingConverter;
import org.springframework.core.serializer.support.SerializingConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextImpl;

/**
 * How Spring Session JDBC turns session attributes into bytes and back. What every authenticated request
 * decodes — the sign-in time ({@code Long}), the security context of a signed-in account and the device label
 * ({@code String}) — gets a compact form of its own; everything else is Java-serialised as by Spring Session's
 * default. Java deserialisation of those three was over a tenth of the CPU of a {@code GET /api/v1/me}
 * (docs/PERFORMANCE.md).
 *
 * <p>A Java serialisation stream always starts with {@code 0xACED}; the compact forms start with a byte that
 * never does, so sessions stored before this codec existed are still read as they were.
 */
final class SessionAttributeCodec implements ConversionService {

	private static final byte LONG = 1;
	private static final byte SIGNED_IN_CONTEXT = 2;
	private static final byte STRING = 3;
	private static final TypeDescriptor BYTES = TypeDescriptor.valueOf(byte[].class);

	private final SerializingConverter serializer = new SerializingConverter();
	private final DeserializingConverter deserializer;

	SessionAttributeCodec(ClassLoader classLoader) {
		this.deserializer = new DeserializingConverter(classLoader);
	}

	byte[] encode(Object value) {
		if (value instanceof Long number) {
			return new byte[] { LONG, (byte) (number >>> 56), (byte) (number >>> 48), (byte) (number >>> 40),
					(byte) (number >>> 32), (byte) (number >>> 24), (byte) (number >>> 16), (byte) (number >>> 8),
					(byte) (long) number };
		}
		if (isPlainSignedInContext(value)) {
			return encodeContext((UsernamePasswordAuthenticationToken) ((SecurityContextImpl) value).getAuthentication());
		}
		if (value instanceof String text && text.length() <= MAX_COMPACT_STRING) {
			return encodeString(text);
		}
		return serializer.convert(value);
	}

	Object decode(byte[] bytes) {
		if (bytes.length == 9 && bytes[0] == LONG) {
			long number = 0;
			for (int i = 1; i < 9; i++) {
				number = number << 8 | (bytes[i] & 0xff);
			}
			return number;
		}
		if (bytes.length > 0 && bytes[0] == SIGNED_IN_CONTEXT) {
			return decodeContext(bytes);
		}
		if (bytes.length > 0 && bytes[0] == STRING) {
			return decodeString(bytes);
		}
		return deserializer.convert(bytes);
	}

	/**
	 * Exactly what sign-in stores ({@code SignIn.authentication}): an authenticated token of these classes with
	 * a name, no credentials, no details and simple authorities. Anything else keeps Java serialisation, so
	 * nothing can be lost in the compact form.
	 */
	private static boolean isPlainSignedInContext(Object value) {
		if (value == null || value.getClass() != SecurityContextImpl.class
				|| !(((SecurityContextImpl) value).getAuthentication() instanceof UsernamePasswordAuthenticationToken token)
				|| token.getClass() != UsernamePasswordAuthenticationToken.class || !token.isAuthenticated()
				|| !(token.getPrincipal() instanceof String) || token.getCredentials() != null
				|| token.getDetails() != null) {
			return false;
		}
		for (GrantedAuthority authority : token.getAuthorities()) {
			if (authority.getClass() != SimpleGrantedAuthority.class) {
				return false;
			}
		}
		return true;
	}

	private static byte[] encodeContext(UsernamePasswordAuthenticationToken token) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(128);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(SIGNED_IN_CONTEXT);
			out.writeUTF((String) token.getPrincipal());
			out.writeShort(token.getAuthorities().size());
			for (GrantedAuthority authority : token.getAuthorities()) {
				out.writeUTF(authority.getAuthority());
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex); // a byte array stream does not fail
		}
		return bytes.toByteArray();
	}

	// Modified UTF-8 takes at most three bytes a character and DataOutput.writeUTF at most 65,535 bytes.
	private static final int MAX_COMPACT_STRING = 65_535 / 3;

	private static byte[] encodeString(String text) {
		ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 3);
		try (DataOutputStream out = new DataOutputStream(bytes)) {
			out.writeByte(STRING);
			out.writeUTF(text);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex); // a byte array stream does not fail, the length was checked
		}
		return bytes.toByteArray();
	}

	private static String decodeString(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
			return in.readUTF();
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unreadable session attribute", ex);
		}
	}

	private static SecurityContextImpl decodeContext(byte[] bytes) {
		try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes, 1, bytes.length - 1))) {
			String principal = in.readUTF();
			int count = in.readUnsignedShort();
			List<SimpleGrantedAuthority> authorities = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				authorities.add(new SimpleGrantedAuthority(in.readUTF()));
			}
			return new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(principal, null, authorities));
		}
		catch (IOException ex) {
			throw new IllegalStateException("Unreadable session attribute", ex);
		}
	}

	@Override
	public boolean canConvert(Class<?> sourceType, Class<?> targetType) {
		return targetType == byte[].class || sourceType == byte[].class && targetType == Object.class;
	}

	@Override
	public boolean canConvert(TypeDescriptor sourceType, TypeDescriptor targetType) {
		return canConvert(sourceType == null ? null : sourceType.getType(), targetType.getType());
	}

	@Override
	public <T> T convert(Object source, Class<T> targetType) {
		return targetType.cast(convert(source, TypeDescriptor.forObject(source), TypeDescriptor.valueOf(targetType)));
	}

	@Override
	public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
		if (source == null) {
			return null;
		}
		return BYTES.equals(targetType) ? encode(source) : decode((byte[]) source);
	}
}
