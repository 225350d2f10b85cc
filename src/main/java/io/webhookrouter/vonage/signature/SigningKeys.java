package io.webhookrouter.vonage.signature;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The signature secrets that are valid now: some for any account, some for one account ({@code api_key}) only.
 * Several per account are normal during a rotation.
 */
public final class SigningKeys {

    private final List<HmacSha256Key> anyAccount;
    private final Map<String, List<HmacSha256Key>> byApiKey;

    private SigningKeys(List<HmacSha256Key> anyAccount, Map<String, List<HmacSha256Key>> byApiKey) {
        this.anyAccount = anyAccount;
        this.byApiKey = byApiKey;
    }

    /** Secrets valid for whatever account a token names. */
    public static SigningKeys anyAccount(List<String> secrets) {
        return new SigningKeys(secrets.stream().map(HmacSha256Key::new).toList(), Map.of());
    }

    /**
     * @param anyAccountSecrets secrets valid for any account, separated by commas or line breaks
     * @param accountSecrets    {@code api_key:secret} pairs, separated by commas or line breaks; an account may
     *                          appear more than once
     */
    public static SigningKeys parse(String anyAccountSecrets, String accountSecrets) {
        List<HmacSha256Key> any = entries(anyAccountSecrets).stream().map(HmacSha256Key::new).toList();
        Map<String, List<HmacSha256Key>> byApiKey = new HashMap<>();
        for (String entry : entries(accountSecrets)) {
            int colon = entry.indexOf(':');
            if (colon <= 0 || colon == entry.length() - 1) {
                throw new IllegalArgumentException("an account secret is api_key:secret; got an entry without one");
            }
            byApiKey.computeIfAbsent(entry.substring(0, colon).trim(), k -> new ArrayList<>())
                    .add(new HmacSha256Key(entry.substring(colon + 1).trim()));
        }
        return new SigningKeys(any, Map.copyOf(byApiKey));
    }

    private static List<String> entries(String list) {
        if (list == null) {
            return List.of();
        }
        return List.of(list.split("[,\\r\\n]+")).stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public boolean isEmpty() {
        return anyAccount.isEmpty() && byApiKey.isEmpty();
    }

    /** The keys a token claiming this account may be signed with: the account's own, then the shared ones. */
    List<HmacSha256Key> candidates(String apiKey) {
        List<HmacSha256Key> own = apiKey == null ? List.of() : byApiKey.getOrDefault(apiKey, List.of());
        if (own.isEmpty()) {
            return anyAccount;
        }
        List<HmacSha256Key> all = new ArrayList<>(own);
        all.addAll(anyAccount);
        return all;
    }
}
