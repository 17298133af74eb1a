/**
 * Live help's client side (issue 17): a room on a Progy server that a student's terminal is streamed to, and the
 * viewers who watch it, over the JSON frames on WebSockets of the live API. {@link dev.progy.sync.live.LiveClient}
 * creates rooms and joins them with the person's saved token; {@link dev.progy.sync.live.LiveSocket} carries the
 * frames; {@link dev.progy.sync.live.Utf8Chunks} turns a terminal's bytes into text without splitting a character;
 * {@link dev.progy.sync.live.ScreenText} (the server's, as text) and {@link dev.progy.sync.live.ScreenBytes} (the
 * sharing CLI's, as bytes) keep what redraws the current screen;
 * {@link dev.progy.sync.live.AsciicastWriter} records what was shared as asciicast v3.
 */
package dev.progy.sync.live;
