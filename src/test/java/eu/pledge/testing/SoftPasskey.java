package eu.pledge.testing;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.data.attestation.authenticator.EC2COSEKey;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A passkey in software for tests that speak HTTP without a browser: an ES256 key, a credential id, a sign counter,
 * and the two answers a browser sends (creation with "none" attestation, and assertion), for an origin of the
 * test's choosing. {@link #copy()} is a cloned authenticator: the same key with its own counter.
 */
public final class SoftPasskey {

	private static final ObjectConverter CONVERTER = new ObjectConverter();
	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final KeyPair keys;
	private final byte[] credentialId;
	private final byte[] userHandle;
	private long counter;

	private SoftPasskey(KeyPair keys, byte[] credentialId, byte[] userHandle, long counter) {
		this.keys = keys;
		this.credentialId = credentialId;
		this.userHandle = userHandle;
		this.counter = counter;
	}

	public static SoftPasskey create() {
		try {
			KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
			generator.initialize(new ECGenParameterSpec("secp256r1"));
			byte[] id = new byte[32];
			new java.security.SecureRandom().nextBytes(id);
			return new SoftPasskey(generator.generateKeyPair(), id, null, 0);
		}
		catch (Exception ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** The same key and id on another device, its counter where this one's is now. */
	public SoftPasskey copy() {
		return new SoftPasskey(keys, credentialId, userHandle, counter);
	}

	/** The browser's answer to creation options (JSON as Pledge sends them), from {@code origin}. */
	public String attestation(String optionsJson, String origin) {
		JsonNode options = JSON.readTree(optionsJson);
		String rpId = options.get("rp").get("id").asString();
		byte[] clientData = clientData("webauthn.create", options.get("challenge").asString(), origin);
		byte[] cose = CONVERTER.getCborConverter()
				.writeValueAsBytes(EC2COSEKey.create((ECPublicKey) keys.getPublic(), COSEAlgorithmIdentifier.ES256));
		counter++;
		ByteBuffer authData = ByteBuffer.allocate(32 + 1 + 4 + 16 + 2 + credentialId.length + cose.length);
		authData.put(sha256(rpId.getBytes(StandardCharsets.UTF_8))).put((byte) 0x45).putInt((int) counter)
				.put(new byte[16]).putShort((short) credentialId.length).put(credentialId).put(cose);
		Map<String, Object> attestation = new LinkedHashMap<>();
		attestation.put("fmt", "none");
		attestation.put("attStmt", Map.of());
		attestation.put("authData", authData.array());
		byte[] attestationObject = CONVERTER.getCborConverter().writeValueAsBytes(attestation);
		Map<String, Object> response = new LinkedHashMap<>();
		response.put("attestationObject", b64(attestationObject));
		response.put("clientDataJSON", b64(clientData));
		response.put("transports", java.util.List.of("internal"));
		return credential(response);
	}

	/** The browser's answer to request options, from {@code origin}; the counter goes up by one. */
	public String assertion(String optionsJson, String origin) {
		JsonNode options = JSON.readTree(optionsJson);
		String rpId = options.get("rpId").asString();
		byte[] clientData = clientData("webauthn.get", options.get("challenge").asString(), origin);
		counter++;
		byte[] authData = ByteBuffer.allocate(37).put(sha256(rpId.getBytes(StandardCharsets.UTF_8)))
				.put((byte) 0x05).putInt((int) counter).array();
		try {
			Signature signature = Signature.getInstance("SHA256withECDSA");
			signature.initSign(keys.getPrivate());
			signature.update(authData);
			signature.update(sha256(clientData));
			Map<String, Object> response = new LinkedHashMap<>();
			response.put("authenticatorData", b64(authData));
			response.put("clientDataJSON", b64(clientData));
			response.put("signature", b64(signature.sign()));
			return credential(response);
		}
		catch (java.security.GeneralSecurityException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private String credential(Map<String, Object> response) {
		Map<String, Object> credential = new LinkedHashMap<>();
		credential.put("id", b64(credentialId));
		credential.put("rawId", b64(credentialId));
		credential.put("type", "public-key");
		credential.put("response", response);
		credential.put("clientExtensionResults", Map.of());
		credential.put("authenticatorAttachment", "platform");
		return JSON.writeValueAsString(credential);
	}

	private static byte[] clientData(String type, String challenge, String origin) {
		Map<String, Object> data = new LinkedHashMap<>();
		data.put("type", type);
		data.put("challenge", challenge);
		data.put("origin", origin);
		data.put("crossOrigin", false);
		return JSON.writeValueAsString(data).getBytes(StandardCharsets.UTF_8);
	}

	private static byte[] sha256(byte[] data) {
		try {
			return MessageDigest.getInstance("SHA-256").digest(data);
		}
		catch (java.security.NoSuchAlgorithmException ex) {
			throw new IllegalStateException(ex);
		}
	}

	private static String b64(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
