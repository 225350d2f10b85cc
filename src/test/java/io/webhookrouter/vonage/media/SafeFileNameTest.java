package io.webhookrouter.vonage.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SafeFileNameTest {

    private static String name(String url, String given) {
        return SafeFileName.of(new MediaItem(3, url, given));
    }

    @Test
    void prefixesTheSendersFileNameWithTheItemsIndex() {
        assertThat(name("https://api.nexmo.com/v3/media/x", "invoice.pdf")).isEqualTo("3-invoice.pdf");
    }

    @Test
    void takesTheLastSegmentOfTheUrlPathWhenNoNameIsGiven() {
        assertThat(name("https://api.nexmo.com/v3/media/3c2f0d48?x=1", null)).isEqualTo("3-3c2f0d48");
        assertThat(name("https://api.nexmo.com/", "  ")).isEqualTo("3-media");
    }

    @Test
    void neverLetsANameLeaveTheDirectory() {
        assertThat(name("https://h/x", "../../etc/passwd")).isEqualTo("3-etc_passwd");
        assertThat(name("https://h/x", "..\\..\\boot.ini")).isEqualTo("3-boot.ini");
        assertThat(name("https://h/x", "..")).isEqualTo("3-media");
        assertThat(name("https://h/x", ".hidden")).isEqualTo("3-hidden");
        assertThat(name("https://h/%2e%2e%2f", null)).doesNotContain("/").doesNotContain("..");
    }

    @Test
    void replacesCharactersOutsideTheSafeSet() {
        assertThat(name("https://h/x", "fäcture 2025/03?.pdf")).isEqualTo("3-f_cture_2025_03_.pdf");
        assertThat(name("https://h/x", "a\u0000b\nc.txt")).isEqualTo("3-a_b_c.txt");
    }

    @Test
    void keepsTheEndOfALongNameWithItsExtension() {
        String stored = name("https://h/x", "a".repeat(500) + ".jpg");
        assertThat(stored).hasSize(2 + SafeFileName.MAX_NAME_LENGTH).endsWith(".jpg");
    }
}
