package dev.progy.runner.docker;

import dev.progy.spi.container.EngineLocation;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * What making the engine client costs a one-shot {@code progy run}: it must not build the JDK's default TLS context
 * (every trusted certificate read, 0.1–0.3 s of a cold command) for an engine Progy only reaches without TLS.
 */
class EngineClientStartTest {

    @Test
    void makingTheClientReadsNoTrustedCertificates() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process child = new ProcessBuilder(List.of(java, "-Xshare:off", "-verbose:class", "-cp",
                System.getProperty("java.class.path"), ConnectInChildJvm.class.getName()))
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes());
        assertThat(child.waitFor()).as(output).isZero();
        assertThat(output).contains("client made");
        assertThat(output).as("classes the default TLS context loads")
                .doesNotContain("sun.security.ssl.SSLContextImpl$DefaultSSLContext")
                .doesNotContain("sun.security.validator.TrustStoreUtil");
    }

    @Test
    void theTlsContextRefusesToBeUsed() {
        assertThatThrownBy(() -> new NoTlsContext().getSocketFactory())
                .hasMessage("Progy connects to Docker without TLS only");
    }

    /** Makes a client of an engine that does not exist; it connects on its first call, which never comes. */
    static final class ConnectInChildJvm {
        public static void main(String[] args) throws Exception {
            try (var client = DockerAddress.connect(new EngineLocation("unix:///nonexistent/progy-test/docker.sock"))) {
                System.out.println("client made: " + (client != null));
            }
        }
    }
}
