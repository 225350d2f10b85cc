package io.webhookrouter.vonage.signature;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;

/**
 * Vonage's signature rules as properties: whatever a caller sends, the verifier accepts only a token it would have signed itself
 * for exactly that body, and answers everything else with {@link SignatureRejected}, never with another exception
 * (which the request path would turn into a 503, an ERROR in the log and a retry).
 */
class SignatureVerifierPropertyTest {

    private static final String SECRET = "property-signature-secret";
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");
    private static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    private static final Duration MAX_AGE = Duration.ofHours(25);
    private static final SignatureVerifier VERIFIER = new SignatureVerifier(List.of(SECRET), null, null, CLOCK_SKEW,
            MAX_AGE, Clock.fixed(NOW, ZoneOffset.UTC));
    private static final WebhookSigner SIGNER = new WebhookSigner(SECRET, "abc123", "app-1");
    private static final String BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final ObjectMapper JSON = new ObjectMapper();

    // ---------------------------------------------------------------------------------------------------------
    // (a) only the token it signed, for exactly that body

    @Property(tries = 1000)
    void acceptsAMutatedTokenOnlyWhenItIsStillTheTokenThatWasSigned(@ForAll("bodies") byte[] body,
                                                                     @ForAll("mutations") List<Mutation> mutations) {
        String signed = signedToken(body);
        String mutated = signed;
        for (Mutation mutation : mutations) {
            mutated = mutation.apply(mutated);
        }
        // surrounding whitespace is the HTTP header's, not the token's: HTTP strips it before anyone looks
        boolean unchanged = mutated.trim().equals(signed);

        assertThat(accepts("Bearer " + mutated, body)).as("accepted %s", mutated).isEqualTo(unchanged);
    }

    @Property(tries = 300)
    void neverAcceptsATokenSignedWithAnotherSecretWhateverItsClaims(@ForAll("bodies") byte[] body,
                                                                    @ForAll("secrets") String otherSecret,
                                                                    @ForAll("claimSets") ClaimSet claims) {
        Assume.that(!otherSecret.equals(SECRET));

        assertThat(accepts("Bearer " + hs256(header("HS256"), claims.toJson(body), otherSecret), body)).isFalse();
    }

    @Property(tries = 300)
    void neverAcceptsATokenSignedForAnotherBody(@ForAll("bodies") byte[] signedBody,
                                                @ForAll("bodies") byte[] sentBody) {
        Assume.that(!Arrays.equals(signedBody, sentBody));

        assertThat(accepts("Bearer " + signedToken(signedBody), sentBody)).isFalse();
    }

    @Property(tries = 200)
    void neverAcceptsAnotherAlgorithmEvenWhenSignedWithTheSecret(@ForAll("bodies") byte[] body,
                                                                 @ForAll("algorithms") String algorithm) {
        Assume.that(!algorithm.equals("HS256"));

        String token = hs256(header(algorithm), ClaimSet.VALID.toJson(body), SECRET);

        assertThat(accepts("Bearer " + token, body)).isFalse();
    }

    // ---------------------------------------------------------------------------------------------------------
    // (b) nothing but SignatureRejected, whatever comes in

    @Property(tries = 1500)
    void throwsNothingButSignatureRejectedForAnyAuthorizationHeaderAndBody(
            @ForAll("authorizations") String authorization, @ForAll("bodies") byte[] body) {
        try {
            VERIFIER.verify(authorization, body);
        } catch (SignatureRejected expected) {
            // the only way to say no
        }
    }

    @Property(tries = 1000)
    void acceptsATokenSignedWithTheSecretOnlyWhenEveryClaimIsValid(@ForAll("claimSets") ClaimSet claims,
                                                                   @ForAll("bodies") byte[] body) {
        String token = hs256(header("HS256"), claims.toJson(body), SECRET);

        assertThat(accepts("Bearer " + token, body)).as("accepted %s", claims).isEqualTo(claims.isValidFor(body));
    }

    // ---------------------------------------------------------------------------------------------------------
    // generators

    @Provide
    Arbitrary<byte[]> bodies() {
        Arbitrary<byte[]> anyBytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(512);
        Arbitrary<byte[]> text = Arbitraries.strings().all().ofMaxLength(200)
                .map(s -> s.getBytes(StandardCharsets.UTF_8));
        return Arbitraries.oneOf(anyBytes, text);
    }

    @Provide
    Arbitrary<String> secrets() {
        Arbitrary<String> nearTheSecret = Arbitraries.integers().between(0, SECRET.length() - 1)
                .map(i -> SECRET.substring(0, i));
        return Arbitraries.oneOf(
                Arbitraries.strings().all().ofMinLength(1).ofMaxLength(80),
                nearTheSecret.filter(s -> !s.isEmpty()),
                Arbitraries.of(SECRET.toUpperCase(), SECRET + " ", " " + SECRET, "abc123", "app-1"));
    }

    @Provide
    Arbitrary<String> algorithms() {
        return Arbitraries.oneOf(
                Arbitraries.of("none", "None", "NONE", "nOnE", "HS384", "HS512", "RS256", "ES256", "PS256", "EdDSA",
                        "hs256", "Hs256", "HS256 ", " HS256", "HS256\u0000", "HS 256", "", "HMAC256", "HS2560"),
                Arbitraries.strings().all().ofMaxLength(10));
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        Arbitrary<Character> anyChar = Arbitraries.oneOf(
                Arbitraries.of(BASE64URL.toCharArray()).map(Character.class::cast),
                Arbitraries.of('=', '.', '+', '/', ' ', '\t', '%', '\u00e9', '\u2028', '\uFFFD', '\u0000'),
                Arbitraries.chars().all());
        Arbitrary<Integer> segment = Arbitraries.integers().between(0, 2);
        Arbitrary<Double> where = Arbitraries.doubles().between(0, 1);
        Arbitrary<Mutation> replace = Combinators.combine(segment, where, anyChar)
                .as((s, w, c) -> new Mutation(Mutation.Kind.REPLACE_CHAR, s, w, c));
        Arbitrary<Mutation> insert = Combinators.combine(segment, where, anyChar)
                .as((s, w, c) -> new Mutation(Mutation.Kind.INSERT_CHAR, s, w, c));
        Arbitrary<Mutation> delete = Combinators.combine(segment, where)
                .as((s, w) -> new Mutation(Mutation.Kind.DELETE_CHAR, s, w, ' '));
        Arbitrary<Mutation.Kind> structuralKind = Arbitraries.of(Mutation.Kind.DROP_SEGMENT,
                Mutation.Kind.DUPLICATE_SEGMENT, Mutation.Kind.SWAP_WITH_NEXT_SEGMENT, Mutation.Kind.TRUNCATE,
                Mutation.Kind.EMPTY_SEGMENT);
        Arbitrary<Mutation> structural = Combinators.combine(structuralKind, segment, where)
                .as((k, s, w) -> new Mutation(k, s, w, ' '));
        return Arbitraries.frequencyOf(
                        Tuple.of(4, replace), Tuple.of(3, insert), Tuple.of(3, delete), Tuple.of(1, structural))
                .list().ofMinSize(1).ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> authorizations() {
        Arbitrary<String> anyText = Arbitraries.strings().all().ofMaxLength(300);
        Arbitrary<String> segment = Arbitraries.oneOf(
                Arbitraries.strings().withChars(BASE64URL + "=.+/").ofMaxLength(60),
                anyText.map(SignatureVerifierPropertyTest::base64url),
                jsonObjects().map(SignatureVerifierPropertyTest::base64url));
        Arbitrary<String> jwtShaped = Combinators.combine(segment, segment, segment)
                .as((h, p, s) -> h + "." + p + "." + s);
        // a header the decoder takes, and any claims: what reaches the claim parsing before the signature check
        Arbitrary<String> decodableHeader = Arbitraries.of(header("HS256"), header("none"), "{\"alg\":\"HS256\"}")
                .map(SignatureVerifierPropertyTest::base64url);
        Arbitrary<String> decodable = Combinators.combine(decodableHeader,
                        jsonObjects().map(SignatureVerifierPropertyTest::base64url),
                        Arbitraries.strings().withChars(BASE64URL).ofLength(43))
                .as((h, p, s) -> h + "." + p + "." + s);
        return Arbitraries.oneOf(
                anyText,
                anyText.map(t -> "Bearer " + t),
                jwtShaped.map(t -> "Bearer " + t),
                jwtShaped.map(t -> "bearer  " + t + " "),
                decodable.map(t -> "Bearer " + t),
                Arbitraries.just(null));
    }

    /** Any JSON object text, with the claim names a verifier looks at among the keys. */
    private static Arbitrary<String> jsonObjects() {
        Arbitrary<String> key = Arbitraries.oneOf(
                Arbitraries.of("alg", "typ", "iat", "iss", "payload_hash", "api_key", "application_id", "exp", "nbf",
                        "crit", "kid", "jku"),
                Arbitraries.strings().all().ofMaxLength(8));
        return Arbitraries.maps(key, claimValues()).ofMaxSize(8).map(SignatureVerifierPropertyTest::json);
    }

    /** A JSON value of any type, with the edge cases of numbers (far beyond a long, beyond an Instant). */
    private static Arbitrary<Object> claimValues() {
        return Arbitraries.oneOf(
                Arbitraries.longs().map(Object.class::cast),
                Arbitraries.doubles().map(Object.class::cast),
                Arbitraries.bigIntegers().between(BigInteger.TEN.pow(30).negate(), BigInteger.TEN.pow(30))
                        .map(Object.class::cast),
                Arbitraries.strings().all().ofMaxLength(20).map(Object.class::cast),
                Arbitraries.of(true, false).map(Object.class::cast),
                Arbitraries.of(List.of(), List.of("HS256"), Map.of("a", 1)).map(Object.class::cast),
                Arbitraries.just(null));
    }

    @Provide
    Arbitrary<ClaimSet> claimSets() {
        long now = NOW.getEpochSecond();
        Arbitrary<Object> iat = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.longs()
                        .between(now - MAX_AGE.toSeconds() - 3600, now + CLOCK_SKEW.toSeconds() + 600)
                        .map(Object.class::cast)),
                Tuple.of(1, Arbitraries.of(Long.MAX_VALUE, Long.MIN_VALUE, 0L, -1L, now * 1000, 31_556_889_864_403_200L)
                        .map(Object.class::cast)),
                Tuple.of(1, Arbitraries.of((Object) ClaimSet.Special.ABSENT)),
                Tuple.of(2, claimValues()));
        Arbitrary<Object> iss = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of((Object) "Vonage")),
                Tuple.of(1, Arbitraries.of("vonage", "Vonage ", "VONAGE", "", "Nexmo").map(Object.class::cast)),
                Tuple.of(1, Arbitraries.of((Object) ClaimSet.Special.ABSENT)),
                Tuple.of(1, claimValues()));
        Arbitrary<Object> payloadHash = Arbitraries.frequencyOf(
                Tuple.of(4, Arbitraries.of((Object) ClaimSet.Special.HASH_OF_BODY)),
                Tuple.of(1, Arbitraries.of((Object) ClaimSet.Special.UPPERCASE_HASH_OF_BODY)),
                Tuple.of(1, Arbitraries.of((Object) ClaimSet.Special.HASH_OF_EMPTY_BODY)),
                Tuple.of(1, Arbitraries.of((Object) ClaimSet.Special.ABSENT)),
                Tuple.of(1, claimValues()));
        Arbitrary<Map<String, Object>> extra = Arbitraries.maps(
                Arbitraries.of("api_key", "application_id", "unknown"), claimValues())
                .ofMaxSize(3);
        return Combinators.combine(iat, iss, payloadHash, extra).as(ClaimSet::new);
    }

    // ---------------------------------------------------------------------------------------------------------
    // helpers

    private static boolean accepts(String authorization, byte[] body) {
        try {
            VERIFIER.verify(authorization, body);
            return true;
        } catch (SignatureRejected rejected) {
            return false;
        }
    }

    private static String signedToken(byte[] body) {
        return SIGNER.authorization(body, NOW).substring("Bearer ".length());
    }

    private static String header(String algorithm) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", algorithm);
        header.put("typ", "JWT");
        return json(header);
    }

    /** header.payload.signature, the signature an HMAC-SHA256 with the given secret whatever the header says. */
    static String hs256(String headerJson, String payloadJson, String secret) {
        String signingInput = base64url(headerJson) + "." + base64url(payloadJson);
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String base64url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One edit of a token: a character or a whole segment; where is a fraction, so that it fits any length. */
    record Mutation(Kind kind, int segment, double where, char character) {

        enum Kind { REPLACE_CHAR, INSERT_CHAR, DELETE_CHAR, DROP_SEGMENT, DUPLICATE_SEGMENT, SWAP_WITH_NEXT_SEGMENT,
            TRUNCATE, EMPTY_SEGMENT }

        String apply(String token) {
            if (kind == Kind.TRUNCATE) {
                return token.substring(0, (int) (where * token.length()));
            }
            List<String> segments = new ArrayList<>(Arrays.asList(token.split("\\.", -1)));
            int s = Math.min(segment, segments.size() - 1);
            String text = segments.get(s);
            int at = (int) (where * text.length());
            // the character at a position, for the edits that need one: none in an empty segment
            int on = Math.min(at, text.length() - 1);
            switch (kind) {
                case REPLACE_CHAR -> segments.set(s, text.isEmpty() ? String.valueOf(character)
                        : text.substring(0, on) + character + text.substring(on + 1));
                case INSERT_CHAR -> segments.set(s, text.substring(0, at) + character + text.substring(at));
                case DELETE_CHAR -> segments.set(s, text.isEmpty() ? text
                        : text.substring(0, on) + text.substring(on + 1));
                case DROP_SEGMENT -> segments.remove(s);
                case DUPLICATE_SEGMENT -> segments.add(s, text);
                case SWAP_WITH_NEXT_SEGMENT -> Collections.swap(segments, s, (s + 1) % segments.size());
                case EMPTY_SEGMENT -> segments.set(s, "");
                default -> throw new IllegalStateException(kind.name());
            }
            return String.join(".", segments);
        }
    }

    /**
     * The claims of a token signed with the right secret. {@link Special} values stand for what depends on the
     * body, and for a claim left out.
     */
    record ClaimSet(Object iat, Object iss, Object payloadHash, Map<String, Object> extra) {

        enum Special { ABSENT, HASH_OF_BODY, UPPERCASE_HASH_OF_BODY, HASH_OF_EMPTY_BODY }

        static final ClaimSet VALID = new ClaimSet(NOW.getEpochSecond(), "Vonage", Special.HASH_OF_BODY, Map.of());

        String toJson(byte[] body) {
            Map<String, Object> claims = new LinkedHashMap<>(extra);
            put(claims, "iat", iat, body);
            put(claims, "iss", iss, body);
            put(claims, "payload_hash", payloadHash, body);
            return json(claims);
        }

        private static void put(Map<String, Object> claims, String name, Object value, byte[] body) {
            if (value == Special.ABSENT) {
                claims.remove(name);
            } else if (value == Special.HASH_OF_BODY) {
                claims.put(name, Sha256.hex(body));
            } else if (value == Special.UPPERCASE_HASH_OF_BODY) {
                claims.put(name, Sha256.hex(body).toUpperCase());
            } else if (value == Special.HASH_OF_EMPTY_BODY) {
                claims.put(name, Sha256.hex(new byte[0]));
            } else {
                claims.put(name, value);
            }
        }

        /** The signature rules on the payload hash, iss and iat, worked out apart from the verifier: whether it must accept these claims. */
        boolean isValidFor(byte[] body) {
            boolean hashMatches = payloadHash == Special.HASH_OF_BODY
                    || (payloadHash == Special.HASH_OF_EMPTY_BODY && body.length == 0);
            return "Vonage".equals(iss) && hashMatches && isWithinTheWindow(iat);
        }

        /** A JSON number of seconds (a fraction is dropped) neither too far in the future nor too old. */
        private static boolean isWithinTheWindow(Object iat) {
            if (!(iat instanceof Number number) || (iat instanceof Double d && !Double.isFinite(d))) {
                return false;
            }
            BigDecimal seconds = new BigDecimal(number.toString()).setScale(0, RoundingMode.DOWN);
            return seconds.compareTo(BigDecimal.valueOf(NOW.plus(CLOCK_SKEW).getEpochSecond())) <= 0
                    && seconds.compareTo(BigDecimal.valueOf(NOW.minus(MAX_AGE).getEpochSecond())) >= 0;
        }
    }
}
