package io.webhookrouter.vonage.support;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.webhookrouter.vonage.signature.Sha256;
import io.webhookrouter.vonage.signature.WebhookSigner;

/**
 * The Authorization headers of the hostile-input corpus, by shape name: what a forger, a broken client or a
 * confused proxy could send. A shape gives the header values for a body: none (no header), one, or several
 * headers. The valid shapes are signed like Vonage signs ({@link WebhookSigner}); every other shape starts from the
 * same claims and breaks one thing.
 */
public final class HostileTokens {

    public static final String API_KEY = "abc123";
    public static final String APPLICATION_ID = "app-1";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();
    private static final Object ABSENT = new Object();

    private final String secret;
    private final WebhookSigner signer;
    private final KeyPair rsa = keyPair("RSA", 2048);
    private final Map<String, Function<byte[], List<String>>> shapes = new HashMap<>();

    public HostileTokens(String secret) {
        this.secret = secret;
        this.signer = new WebhookSigner(secret, API_KEY, APPLICATION_ID);
        validShapes();
        schemeShapes();
        algorithmShapes();
        keyShapes();
        claimShapes();
        structureShapes();
    }

    /** The Authorization header values of a shape for a body, signed now. */
    public List<String> authorizations(String shape, byte[] body) {
        Function<byte[], List<String>> authorizations = shapes.get(shape);
        if (authorizations == null) {
            throw new IllegalArgumentException("unknown token shape " + shape + "; known: " + shapes.keySet());
        }
        return authorizations.apply(body);
    }

    private void validShapes() {
        one("signed", body -> signed(body, Instant.now()));
        one("signed-lowercase-scheme", body -> "bearer " + signedToken(body));
        one("signed-uppercase-scheme", body -> "BEARER " + signedToken(body));
        one("signed-two-spaces", body -> "Bearer  " + signedToken(body));
        one("signed-iat-4-minutes-ahead", body -> signed(body, Instant.now().plus(Duration.ofMinutes(4))));
        one("signed-iat-24-hours-old", body -> signed(body, Instant.now().minus(Duration.ofHours(24))));
        one("signed-unknown-claims", body -> bearer(hs256(with(claims(body), "x_new_claim", List.of(1, "two")))));
    }

    private void schemeShapes() {
        several("absent", body -> List.of());
        one("empty", body -> "");
        one("scheme-only", body -> "Bearer");
        one("basic", body -> "Basic " + Base64.getEncoder().encodeToString(utf8("abc123:api-secret")));
        one("basic-carrying-the-token", body -> "Basic " + signedToken(body));
        one("no-scheme", body -> signedToken(body));
        one("scheme-glued", body -> "Bearer" + signedToken(body));
        one("scheme-tab", body -> "Bearer\t" + signedToken(body));
        one("scheme-jwt", body -> "JWT " + signedToken(body));
        several("two-headers", body -> List.of(signed(body, Instant.now()), signed(body, Instant.now())));
        several("two-headers-valid-and-junk", body -> List.of(signed(body, Instant.now()), "Bearer junk"));
        one("comma-joined", body -> signed(body, Instant.now()) + ", " + signed(body, Instant.now()));
    }

    private void algorithmShapes() {
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            one("alg-" + none, body -> bearer(unsigned(header(none), claims(body))));
        }
        one("alg-none-with-hs256-signature", body -> bearer(jws(header("none"), claims(body), hmac("HmacSHA256"))));
        one("alg-missing", body -> bearer(jws(Map.of("typ", "JWT"), claims(body), hmac("HmacSHA256"))));
        one("alg-null", body -> bearer(jws(header(null), claims(body), hmac("HmacSHA256"))));
        one("alg-array", body -> bearer(jws(header(List.of("HS256")), claims(body), hmac("HmacSHA256"))));
        one("alg-hs256-lowercase", body -> bearer(jws(header("hs256"), claims(body), hmac("HmacSHA256"))));
        one("alg-hs384", body -> bearer(jws(header("HS384"), claims(body), hmac("HmacSHA384"))));
        one("alg-hs512", body -> bearer(jws(header("HS512"), claims(body), hmac("HmacSHA512"))));
        one("alg-hs384-header-hs256-signature", body -> bearer(jws(header("HS384"), claims(body), hmac("HmacSHA256"))));
        one("alg-rs256-real-signature", body -> bearer(jws(header("RS256"), claims(body), rsa(rsa.getPrivate()))));
        for (String asymmetric : List.of("RS256", "ES256", "PS256", "EdDSA")) {
            one("alg-" + asymmetric.toLowerCase() + "-junk-signature",
                    body -> bearer(jws(header(asymmetric), claims(body), junk(256))));
        }
    }

    private void keyShapes() {
        String publicKeyPem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(rsa.getPublic().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        one("key-confusion-rs256-hmac-with-public-key",
                body -> bearer(jws(header("RS256"), claims(body), hmac("HmacSHA256", publicKeyPem))));
        one("key-confusion-hs256-public-key-as-secret",
                body -> bearer(jws(header("HS256"), claims(body), hmac("HmacSHA256", publicKeyPem))));
        one("wrong-secret", body -> bearer(jws(header("HS256"), claims(body), hmac("HmacSHA256", "guessed-secret"))));
        one("secret-one-char-short", body -> bearer(jws(header("HS256"), claims(body),
                hmac("HmacSHA256", secret.substring(0, secret.length() - 1)))));
        one("secret-uppercase", body -> bearer(jws(header("HS256"), claims(body),
                hmac("HmacSHA256", secret.toUpperCase()))));
        one("api-key-as-secret", body -> bearer(jws(header("HS256"), claims(body), hmac("HmacSHA256", API_KEY))));
    }

    private void claimShapes() {
        String emptyBodyHash = Sha256.hex(new byte[0]);
        claim("payload-hash-missing", "payload_hash", body -> ABSENT);
        claim("payload-hash-uppercase", "payload_hash", body -> Sha256.hex(body).toUpperCase());
        claim("payload-hash-of-empty-body", "payload_hash", body -> emptyBodyHash);
        claim("payload-hash-of-another-body", "payload_hash", body -> Sha256.hex(utf8("{}")));
        claim("payload-hash-base64", "payload_hash", body -> Base64.getEncoder().encodeToString(sha256(body)));
        claim("payload-hash-truncated", "payload_hash", body -> Sha256.hex(body).substring(0, 63));
        claim("payload-hash-prefixed", "payload_hash", body -> "sha256=" + Sha256.hex(body));
        claim("payload-hash-empty", "payload_hash", body -> "");
        claim("payload-hash-null", "payload_hash", body -> null);
        claim("payload-hash-number", "payload_hash", body -> 12345);
        claim("payload-hash-array", "payload_hash", body -> List.of(Sha256.hex(body)));
        claim("iss-wrong", "iss", body -> "Mallory");
        claim("iss-missing", "iss", body -> ABSENT);
        claim("iss-lowercase", "iss", body -> "vonage");
        claim("iss-padded", "iss", body -> "Vonage ");
        claim("iss-array", "iss", body -> List.of("Vonage"));
        claim("iss-null", "iss", body -> null);
        long now = Instant.now().getEpochSecond();
        claim("iat-26-hours-old", "iat", body -> now - Duration.ofHours(26).toSeconds());
        claim("iat-10-minutes-ahead", "iat", body -> now + Duration.ofMinutes(10).toSeconds());
        claim("iat-string", "iat", body -> String.valueOf(now));
        claim("iat-missing", "iat", body -> ABSENT);
        claim("iat-null", "iat", body -> null);
        claim("iat-in-milliseconds", "iat", body -> now * 1000);
        claim("iat-negative", "iat", body -> -1);
        claim("iat-long-max", "iat", body -> Long.MAX_VALUE);
        claim("iat-long-min", "iat", body -> Long.MIN_VALUE);
        claim("iat-beyond-long", "iat", body -> new BigInteger("1" + "0".repeat(30)));
        claim("iat-boolean", "iat", body -> true);
        claim("exp-beyond-instant", "exp", body -> Long.MAX_VALUE);
        claim("api-key-wrong", "api_key", body -> "zzz999");
        claim("api-key-missing", "api_key", body -> ABSENT);
        claim("application-id-wrong", "application_id", body -> "app-2");
        claim("application-id-missing", "application_id", body -> ABSENT);
    }

    private void structureShapes() {
        one("signature-empty", body -> bearer(withoutSignature(body) + "."));
        one("signature-missing", body -> bearer(withoutSignature(body)));
        one("signature-one-char-flipped", body -> bearer(flipLastSignatureBit(signedToken(body), 5)));
        one("signature-truncated", body -> bearer(chop(signedToken(body), 1)));
        one("signature-one-char-longer", body -> bearer(signedToken(body) + "A"));
        one("signature-padded", body -> bearer(signedToken(body) + "="));
        one("signature-non-canonical-last-char", body -> bearer(flipLastSignatureBit(signedToken(body), 0)));
        one("signature-of-another-token", body -> {
            String[] mine = signedToken(body).split("\\.");
            String[] other = token(signed(utf8("{}"), Instant.now())).split("\\.");
            return bearer(mine[0] + "." + mine[1] + "." + other[2]);
        });
        one("token-truncated", body -> {
            String token = signedToken(body);
            return bearer(token.substring(0, token.length() / 2));
        });
        one("token-header-only", body -> bearer(signedToken(body).split("\\.")[0]));
        one("token-trailing-dot", body -> bearer(signedToken(body) + "."));
        one("token-leading-dot", body -> bearer("." + signedToken(body)));
        one("token-extra-segment", body -> bearer(signedToken(body) + ".e30"));
        one("token-only-dots", body -> "Bearer ..");
        one("token-padded-segments", body -> {
            String[] parts = signedToken(body).split("\\.");
            return bearer(parts[0] + "==." + parts[1] + "==." + parts[2]);
        });
        one("token-base64-garbage", body -> "Bearer !!!!.@@@@.####");
        one("token-inner-space", body -> {
            String token = signedToken(body);
            return bearer(token.substring(0, 20) + " " + token.substring(20));
        });
        one("token-non-ascii", body -> "Bearer \u00e9\u00e8.\u00ff\u00fe.\u00e0");
        one("token-header-not-json", body -> bearer(BASE64URL.encodeToString(utf8("hello")) + "."
                + encoded(claims(body)) + ".c2ln"));
        one("token-header-json-array", body -> bearer(signedOver(BASE64URL.encodeToString(utf8("[\"HS256\"]")),
                encoded(claims(body)))));
        one("token-payload-not-json", body -> bearer(signedOver(encoded(header("HS256")),
                BASE64URL.encodeToString(utf8("payload_hash=" + Sha256.hex(body))))));
        one("token-payload-json-array", body -> bearer(signedOver(encoded(header("HS256")),
                BASE64URL.encodeToString(utf8("[" + json(claims(body)) + "]")))));
        one("token-payload-empty", body -> bearer(signedOver(encoded(header("HS256")), "")));
        one("token-7kb-signed", body -> bearer(hs256(with(claims(body), "pad", "x".repeat(5 * 1024)))));
        one("token-10kb", body -> bearer(hs256(with(claims(body), "pad", "x".repeat(10 * 1024)))));
        one("token-100kb", body -> bearer(hs256(with(claims(body), "pad", "x".repeat(100 * 1024)))));
    }

    // --- building blocks ---------------------------------------------------------------------------------------

    private void one(String shape, Function<byte[], String> authorization) {
        several(shape, body -> List.of(authorization.apply(body)));
    }

    private void several(String shape, Function<byte[], List<String>> authorizations) {
        if (shapes.put(shape, authorizations) != null) {
            throw new IllegalStateException("two token shapes named " + shape);
        }
    }

    /** A correctly signed token whose one claim has the value the function gives ({@link #ABSENT}: left out). */
    private void claim(String shape, String name, Function<byte[], Object> value) {
        one(shape, body -> bearer(hs256(with(claims(body), name, value.apply(body)))));
    }

    private String signed(byte[] body, Instant issuedAt) {
        return signer.authorization(body, issuedAt);
    }

    private String signedToken(byte[] body) {
        return token(signed(body, Instant.now()));
    }

    /** The base64url of a value's JSON: a header or payload segment. */
    private static String encoded(Object json) {
        return BASE64URL.encodeToString(utf8(json(json)));
    }

    /** The claims Vonage sends for a body (docs/operating.md, *Pointing Vonage at it*: an HS256 JWT with a payload_hash). */
    private static Map<String, Object> claims(byte[] body) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("iat", Instant.now().getEpochSecond());
        claims.put("jti", UUID.randomUUID().toString());
        claims.put("iss", "Vonage");
        claims.put("payload_hash", Sha256.hex(body));
        claims.put("api_key", API_KEY);
        claims.put("application_id", APPLICATION_ID);
        return claims;
    }

    private static Map<String, Object> header(Object algorithm) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", algorithm);
        header.put("typ", "JWT");
        return header;
    }

    private static Map<String, Object> with(Map<String, Object> map, String name, Object value) {
        Map<String, Object> changed = new LinkedHashMap<>(map);
        if (value == ABSENT) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return changed;
    }

    private String hs256(Map<String, Object> claims) {
        return jws(header("HS256"), claims, hmac("HmacSHA256"));
    }

    private String withoutSignature(byte[] body) {
        String token = signedToken(body);
        return token.substring(0, token.lastIndexOf('.'));
    }

    private String signedOver(String encodedHeader, String encodedPayload) {
        String input = encodedHeader + "." + encodedPayload;
        return input + "." + BASE64URL.encodeToString(hmac("HmacSHA256").apply(input));
    }

    private static String jws(Map<String, Object> header, Map<String, Object> claims, Function<String, byte[]> signer) {
        String input = encoded(header) + "." + encoded(claims);
        return input + "." + BASE64URL.encodeToString(signer.apply(input));
    }

    private static String unsigned(Map<String, Object> header, Map<String, Object> claims) {
        return jws(header, claims, input -> new byte[0]);
    }

    private Function<String, byte[]> hmac(String algorithm) {
        return hmac(algorithm, secret);
    }

    private static Function<String, byte[]> hmac(String algorithm, String key) {
        return input -> {
            try {
                Mac mac = Mac.getInstance(algorithm);
                mac.init(new SecretKeySpec(utf8(key), algorithm));
                return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Function<String, byte[]> rsa(PrivateKey key) {
        return input -> {
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key);
                signature.update(input.getBytes(StandardCharsets.US_ASCII));
                return signature.sign();
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        };
    }

    private static Function<String, byte[]> junk(int length) {
        return input -> {
            byte[] junk = new byte[length];
            Arrays.fill(junk, (byte) 0x5A);
            return junk;
        };
    }

    /** Flips one bit of the last signature character's 6-bit value: bit 0 is one of the two spare bits. */
    private static String flipLastSignatureBit(String token, int bit) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        char last = token.charAt(token.length() - 1);
        return chop(token, 1) + alphabet.charAt(alphabet.indexOf(last) ^ (1 << bit));
    }

    private static String chop(String text, int characters) {
        return text.substring(0, text.length() - characters);
    }

    private static String token(String authorization) {
        return authorization.substring("Bearer ".length());
    }

    private static String bearer(String token) {
        return "Bearer " + token;
    }

    private static byte[] sha256(byte[] body) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static KeyPair keyPair(String algorithm, int size) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            generator.initialize(size);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
