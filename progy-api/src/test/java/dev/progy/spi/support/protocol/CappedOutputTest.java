package dev.progy.spi.support.protocol;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class CappedOutputTest {

    private final List<String> heard = new ArrayList<>();

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    @DisplayName("output under the limit is kept whole, unmarked, and heard as it arrives")
    void underLimit() {
        CappedOutput out = new CappedOutput(100, heard::add);
        out.write(utf8("hello "), 0, 6);
        out.write(utf8("world\n"), 0, 6);
        assertThat(out.truncated()).isFalse();
        assertThat(out.text()).isEqualTo("hello world\n");
        assertThat(heard).containsExactly("hello ", "world\n");
    }

    @Test
    @DisplayName("output past the limit is cut there and ends with a visible marker line")
    void cutAtLimit() {
        CappedOutput out = new CappedOutput(10, heard::add);
        out.write(utf8("0123456789abcdef"), 0, 16);
        out.write(utf8("more"), 0, 4);
        assertThat(out.truncated()).isTrue();
        assertThat(out.size()).isEqualTo(10);
        assertThat(out.text()).isEqualTo("0123456789\n… output truncated at 10 bytes …\n");
        assertThat(String.join("", heard)).isEqualTo(out.text());
    }

    @Test
    @DisplayName("the 1 MiB default limit is named in the marker")
    void defaultMarker() {
        CappedOutput out = new CappedOutput();
        byte[] line = utf8("y".repeat(1023) + "\n");
        for (int i = 0; i < 1100; i++) {
            out.write(line, 0, line.length);
        }
        assertThat(out.size()).isEqualTo(CappedOutput.OUTPUT_LIMIT_BYTES);
        assertThat(out.text()).endsWith("\n… output truncated at 1 MiB …\n");
    }

    @Test
    @DisplayName("exactly the limit is not a truncation")
    void exactlyTheLimit() {
        CappedOutput out = new CappedOutput(4, heard::add);
        out.write(utf8("abcd"), 0, 4);
        assertThat(out.truncated()).isFalse();
        assertThat(out.text()).isEqualTo("abcd");
    }

    @Test
    @DisplayName("a character split by the cut is dropped, not shown as garbage")
    void cutInsideCharacter() {
        CappedOutput out = new CappedOutput(5, heard::add);
        byte[] b = utf8("abcd€"); // € is three bytes: only one fits
        out.write(b, 0, b.length);
        assertThat(out.text()).isEqualTo("abcd\n… output truncated at 5 bytes …\n");
        assertThat(String.join("", heard)).isEqualTo(out.text());
    }

    @Test
    @DisplayName("a character split between two writes is heard whole")
    void splitBetweenWrites() {
        CappedOutput out = new CappedOutput(100, heard::add);
        byte[] b = utf8("é€");
        out.write(b, 0, 1);
        out.write(b, 1, 3);
        out.write(b, 4, 1);
        out.close();
        assertThat(String.join("", heard)).isEqualTo("é€");
        assertThat(out.text()).isEqualTo("é€");
    }

    @Test
    @DisplayName("a character left incomplete at the end shows as a replacement character")
    void incompleteAtEnd() {
        CappedOutput out = new CappedOutput(100, heard::add);
        byte[] b = utf8("a€");
        out.write(b, 0, 2);
        out.close();
        assertThat(String.join("", heard)).isEqualTo("a\uFFFD");
        assertThat(out.text()).isEqualTo("a\uFFFD");
    }

    @Test
    @DisplayName("writers on several threads never keep more than the limit")
    void threadSafe() throws InterruptedException {
        CappedOutput out = new CappedOutput(10_000, text -> { });
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread thread = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < 1000; i++) {
                    out.write(utf8("0123456789"), 0, 10);
                }
            });
            thread.start();
            threads.add(thread);
        }
        start.countDown();
        for (Thread thread : threads) {
            thread.join();
        }
        assertThat(out.size()).isEqualTo(10_000);
        assertThat(out.truncated()).isTrue();
    }
}
