package io.webhookrouter.vonage.media;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import io.webhookrouter.vonage.support.Samples;

class MediaItemsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode json(String text) throws Exception {
        return JSON.readTree(text);
    }

    @Test
    void findsTheImageOfAnMmsSample() throws Exception {
        assertThat(MediaItems.in(json(Samples.text("inbound-mms-image"))))
                .containsExactly(new MediaItem(0, "https://api-eu.nexmo.com/v3/media/3c2f0d48-0a5b-4b0c-9e3f-6a3f0b2c1d11",
                        null));
    }

    @Test
    void findsTheVcardOfAnRcsSampleWithItsName() throws Exception {
        assertThat(MediaItems.in(json(Samples.text("inbound-rcs-vcard"))))
                .extracting(MediaItem::name).containsExactly("contact.vcf");
    }

    @Test
    void findsNothingInATextOrALocation() throws Exception {
        assertThat(MediaItems.in(json(Samples.text("inbound-whatsapp-text")))).isEmpty();
        assertThat(MediaItems.in(json(Samples.text("inbound-whatsapp-location")))).isEmpty();
    }

    @Test
    void findsEachItemOfAnMmsContentArrayInOrder() throws Exception {
        JsonNode event = json("""
                {"channel":"mms","message_type":"image","content":[
                  {"type":"image","url":"https://api.nexmo.com/v3/media/a"},
                  {"type":"file","file":{"url":"https://api.nexmo.com/v3/media/b","name":"b.pdf"}},
                  {"type":"text","text":"no media here"}]}
                """);
        assertThat(MediaItems.in(event)).containsExactly(
                new MediaItem(0, "https://api.nexmo.com/v3/media/a", null),
                new MediaItem(1, "https://api.nexmo.com/v3/media/b", "b.pdf"));
    }

    @Test
    void findsAudioVideoFileAndStickerObjects() throws Exception {
        for (String field : new String[] {"audio", "video", "file", "sticker"}) {
            JsonNode event = json("{\"" + field + "\":{\"url\":\"https://api.nexmo.com/m/" + field + "\"}}");
            assertThat(MediaItems.in(event)).as(field).extracting(MediaItem::url)
                    .containsExactly("https://api.nexmo.com/m/" + field);
        }
    }

    @Test
    void ignoresAMediaObjectWithoutATextualUrl() throws Exception {
        assertThat(MediaItems.in(json("{\"image\":{\"url\":17},\"file\":{\"caption\":\"x\"},\"video\":\"x\"}"))).isEmpty();
    }
}
