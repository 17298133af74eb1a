package org.example.progytool;

import dev.progy.spi.ProgressStore;
import dev.progy.testkit.ProgressStoreContract;

/** Our adapter passes the same contract kit as the SDK's own stores. */
class MemoryProgressStoreTest extends ProgressStoreContract {

    private MemoryProgressStore last;

    @Override
    protected ProgressStore store() {
        last = new MemoryProgressStore();
        return last;
    }

    @Override
    protected ProgressStore reopen() {
        return last.sameStorage();
    }
}
