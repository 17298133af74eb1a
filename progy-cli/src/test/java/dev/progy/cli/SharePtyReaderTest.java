package dev.progy.cli;

import com.pty4j.PtyProcess;
import com.pty4j.PtyProcessBuilder;
import com.pty4j.unix.UnixPtyProcess;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SharePtyReaderTest {
    @Test
    @DisplayName("the shared shell's output is read from the pseudo-terminal whole, then the end once the shell exits")
    void readsEverythingThenTheEnd() throws Exception {
        PtyProcess p = new PtyProcessBuilder(new String[] {"/bin/sh", "-c",
                "head -c 300000 /dev/zero | tr '\\000' x; echo; echo END"})
                .setEnvironment(Map.of("PATH", System.getenv("PATH"), "TERM", "dumb")).setConsole(false).start();
        int fd = ((UnixPtyProcess) p).getPty().getMasterFD();
        InputStream in = PtyReader.of(fd, p.getInputStream());
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer, 0, buffer.length)) > 0) {
            got.write(buffer, 0, n);
        }
        p.waitFor();
        String text = got.toString(StandardCharsets.UTF_8);
        assertThat(text.chars().filter(c -> c == 'x').count()).isEqualTo(300_000);
        assertThat(text).endsWith("END\r\n");
    }
}
