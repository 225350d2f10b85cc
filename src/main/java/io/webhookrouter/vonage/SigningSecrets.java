package io.webhookrouter.vonage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import io.webhookrouter.vonage.signature.SigningKeys;

/**
 * The signature secrets the verifier accepts: those the settings give and those of mounted secret files (a
 * Kubernetes Secret, say), which keep a secret out of the environment and can hold two during a rotation.
 */
final class SigningSecrets {

    private SigningSecrets() {
    }

    /** The keys, or a start-up failure saying how to give one. */
    static SigningKeys keys(RouterSettings.Signature signature) {
        SigningKeys keys = SigningKeys.parse(
                join(signature.secrets(), readSecretFile(signature.secretFile(), "VONAGE_SIGNATURE_SECRET_FILE")),
                join(signature.accountSecrets(),
                        readSecretFile(signature.accountSecretsFile(), "VONAGE_ACCOUNT_SECRETS_FILE")));
        if (keys.isEmpty()) {
            throw new MissingSetting("VONAGE_SIGNATURE_SECRET is not set: give the signature secret of your Vonage "
                    + "account (Dashboard > API settings), or VONAGE_SIGNATURE_SECRET_FILE, or set "
                    + "WEBHOOK_SIGNATURE_VERIFY=false for local development");
        }
        return keys;
    }

    /** A secret file's whole content, or an empty string when no file is named. */
    private static String readSecretFile(String path, String variable) {
        if (path.isBlank()) {
            return "";
        }
        try {
            return Files.readString(Path.of(path.trim()));
        } catch (IOException e) {
            throw new MissingSetting(variable + " names " + path + ", which cannot be read: " + e.getMessage());
        }
    }

    private static String join(String first, String second) {
        return first + "," + second;
    }
}
