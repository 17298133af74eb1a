package dev.progy.server.live;

import java.time.Duration;

/**
 * Live help's limits, from the server settings.
 *
 * @param inviteLife       how long an invite code opens a room
 * @param maxRooms         rooms one account may have open at once
 * @param maxViewers       viewers (asking or watching) one room may have
 * @param maxBytes         output bytes a room may stream a second; over it viewers get a fresh screen when it is under
 * @param studentGrace     how long a room waits for its student to reconnect before it ends
 * @param publicUrl        the address people reach the server at, for invite links (empty: the request's host)
 */
public record LiveSettings(Duration inviteLife, int maxRooms, int maxViewers, long maxBytes, Duration studentGrace,
                           String publicUrl) {

    /** Output kept to redraw a late viewer's screen: since the last full-screen reset, at most this many chars. */
    public static final int SCREEN_CHARS = 512 * 1024;
    /** A viewer whose queue holds more than this many characters is dropped to snapshots. */
    public static final int VIEWER_QUEUE_CHARS = 1024 * 1024;
    /** A viewer whose oldest queued frame waited longer than this is dropped to snapshots. */
    public static final Duration VIEWER_LAG = Duration.ofSeconds(2);
    /** The longest chat message, in characters. */
    public static final int CHAT_CHARS = 500;
    /** Chat messages a viewer may send at once; then one every {@link #CHAT_EVERY}. */
    public static final int CHAT_BURST = 5;
    /** How often a viewer who sent {@link #CHAT_BURST} chat messages may send one more. */
    public static final Duration CHAT_EVERY = Duration.ofSeconds(2);
    /** Frames a viewer may send that are not chat before it is closed. */
    public static final int BAD_FRAMES = 20;
}
