package org.example.progytool;

import dev.progy.model.RunResult;
import dev.progy.spi.RunListener;
import dev.progy.spi.RunRequest;

import java.util.concurrent.atomic.AtomicInteger;

/** The tool's own run listener: it counts what the run printed and remembers how it ended. */
public final class OutputCounter implements RunListener {

    private final AtomicInteger chunks = new AtomicInteger();
    private volatile boolean started;
    private volatile RunResult finished;

    @Override
    public void started(RunRequest request) {
        started = true;
    }

    @Override
    public void output(String chunk) {
        chunks.incrementAndGet();
    }

    @Override
    public void finished(RunResult result) {
        finished = result;
    }

    public int chunks() {
        return chunks.get();
    }

    public boolean started() {
        return started;
    }

    public RunResult finished() {
        return finished;
    }
}
