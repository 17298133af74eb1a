package dev.progy.runner.docker;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import java.security.SecureRandom;

/**
 * The TLS context handed to docker-java's transport, which otherwise makes the JVM's default one as it is built:
 * reading every trusted certificate of the JDK costs a one-shot {@code progy run} 0.1–0.3 s before its first call.
 * Progy never speaks TLS to an engine ({@link DockerRunnerConfig} refuses TLS settings), so this context is never
 * used; if it ever were, it says so instead of connecting unchecked.
 */
final class NoTlsContext extends SSLContext {

    NoTlsContext() {
        super(new Refusing(), null, "TLS");
    }

    private static final class Refusing extends SSLContextSpi {
        private static UnsupportedOperationException refused() {
            return new UnsupportedOperationException("Progy connects to Docker without TLS only");
        }

        @Override
        protected void engineInit(javax.net.ssl.KeyManager[] km, javax.net.ssl.TrustManager[] tm, SecureRandom sr) {
            throw refused();
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw refused();
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw refused();
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw refused();
        }
    }
}
