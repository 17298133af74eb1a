package dev.progy.runner.docker;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.model.Frame;
import dev.progy.spi.support.protocol.CappedOutput;

/**
 * The log stream of a running container, or the output of an exec session (stdout and stderr as they arrive),
 * into a {@link CappedOutput}. Calls {@code stop} once the output passes its limit or the listener behind it
 * throws, so the run can kill the container at once, and {@code ended} when the stream ends.
 */
final class ContainerOutput extends ResultCallback.Adapter<Frame> {

    private final CappedOutput output;
    private final Runnable stop;
    private final Runnable ended;
    private volatile RuntimeException listenerFailure;

    ContainerOutput(CappedOutput output, Runnable stop) {
        this(output, stop, () -> { });
    }

    ContainerOutput(CappedOutput output, Runnable stop, Runnable ended) {
        this.output = output;
        this.stop = stop;
        this.ended = ended;
    }

    @Override
    public void onComplete() {
        super.onComplete();
        ended.run();
    }

    @Override
    public void onError(Throwable throwable) {
        super.onError(throwable);
        ended.run();
    }

    @Override
    public void onNext(Frame frame) {
        if (listenerFailure != null || output.truncated()) {
            return;
        }
        byte[] payload = frame.getPayload();
        try {
            output.write(payload, 0, payload.length);
        } catch (RuntimeException e) {
            listenerFailure = e;
            stop.run();
            return;
        }
        if (output.truncated()) {
            stop.run();
        }
    }

    /** What the listener threw, if it did. */
    RuntimeException listenerFailure() {
        return listenerFailure;
    }
}
