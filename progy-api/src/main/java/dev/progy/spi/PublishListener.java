package dev.progy.spi;

/**
 * Follows a publish as a registry carries it out ({@link Registry#publish(java.nio.file.Path, PublishListener)}).
 * Every method has a no-op default, so the interface can grow; a registry that checks nothing (a folder) calls none.
 */
public interface PublishListener {

    /** Does nothing. */
    PublishListener NONE = new PublishListener() { };

    /** The archive was uploaded and accepted for checking as {@code name@version}. */
    default void submitted(String name, String version) { }

    /** A step of the pipeline changed state; called once per change, in the order seen. */
    default void step(PublishStep step) { }
}
