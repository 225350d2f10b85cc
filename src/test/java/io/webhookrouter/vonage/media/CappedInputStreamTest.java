package io.webhookrouter.vonage.media;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;

import org.junit.jupiter.api.Test;

class CappedInputStreamTest {

    @Test
    void passesABodyOfExactlyTheCap() throws Exception {
        try (InputStream in = new CappedInputStream(new ByteArrayInputStream(new byte[1000]), 1000)) {
            assertThat(in.transferTo(OutputStream.nullOutputStream())).isEqualTo(1000);
        }
    }

    @Test
    void refusesTheByteAfterTheCapWhileStreaming() {
        InputStream endless = new InputStream() {
            @Override
            public int read() {
                return 'x';
            }
        };
        assertThatThrownBy(() -> new CappedInputStream(endless, 4096).transferTo(OutputStream.nullOutputStream()))
                .isInstanceOf(MediaRefused.class)
                .hasMessageContaining("MEDIA_MAX_BYTES");
    }

    @Test
    void countsSingleByteReadsToo() throws Exception {
        InputStream in = new CappedInputStream(new ByteArrayInputStream(new byte[3]), 2);
        in.read();
        in.read();
        assertThatThrownBy(in::read).isInstanceOf(MediaRefused.class);
    }
}
