package dev.progy.runner.podman;

import dev.progy.spi.support.protocol.CappedOutput;

import java.io.IOException;
import java.io.InputStream;

/**
 * Moves a container's multiplexed output (stdout and stderr as they arrive) into a {@link CappedOutput}. Calls
 * {@code stop} once the output passes its limit or the listener behind it throws, so the run can kill the
 * container at once; a stream that breaks (the container was removed, the service went away) just ends.
 */
final class OutputPump {

    private final CappedOutput output;
    private final Runnable stop;
    private volatile RuntimeException listenerFailure;

    OutputPump(CappedOutput output, Runnable stop) {
        this.output = output;
        this.stop = stop;
    }

    /** Reads {@code frames} to their end, or until the output is cut or the listener fails. */
    void drain(InputStream frames) {
        try {
            StreamFrames.read(frames, (stream, payload, length) -> {
                try {
                    output.write(payload, 0, length);
                } catch (RuntimeException e) {
                    listenerFailure = e;
                    stop.run();
                    return false;
                }
                if (output.truncated()) {
                    stop.run();
                    return false;
                }
                return true;
            });
        } catch (IOException ended) {
            // the stream was closed by the run or broke with the container: what arrived is kept
        }
    }

    /** What the listener threw, if it did. */
    RuntimeException listenerFailure() {
        return listenerFailure;
    }
}
