package dev.progy.server.account;

import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Password hashes with Argon2id (Bouncy Castle), as PHC strings that record their parameters
 * ({@code $argon2id$v=19$m=65536,t=3,p=1$<salt>$<hash>}), so the parameters can be raised later: a hash made with
 * weaker ones is {@linkplain #outdated outdated} and replaced at the next sign-in. Memory-hard and slow on
 * purpose (tens of milliseconds and 64 MiB a hash), so only {@code concurrent} hashes are computed at once, and
 * only {@code waiting} more may wait for their turn, for {@code maxWait} at most: past that a check is refused
 * at once with {@link People.Busy} (503, {@code Retry-After}), so 200 sign-in attempts at once neither take the
 * heap nor hold every request thread while health checks and other routes wait behind them.
 */
final class Passwords {

    static final int MEMORY_KIB = 65_536;
    static final int ITERATIONS = 3;
    static final int PARALLELISM = 1;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]{16,64})\\$([A-Za-z0-9+/]{16,128})");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getDecoder();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final int memoryKib;
    private final int iterations;
    private final Semaphore hashing;
    /** Hashing or waiting to: {@code concurrent + waiting} permits. */
    private final Semaphore admitted;
    private final int admittedCapacity;
    private final long maxWaitNanos;
    /** Checked when no account has the e-mail address, so that case takes as long as a wrong password. */
    private final String decoy;

    Passwords(int memoryKib, int iterations, int concurrent) {
        this(memoryKib, iterations, concurrent, 4 * Math.max(1, concurrent), java.time.Duration.ofSeconds(2));
    }

    Passwords(int memoryKib, int iterations, int concurrent, int waiting, java.time.Duration maxWait) {
        this.memoryKib = memoryKib;
        this.iterations = iterations;
        this.hashing = new Semaphore(Math.max(1, concurrent), true);
        this.admittedCapacity = Math.max(1, concurrent) + Math.max(0, waiting);
        this.admitted = new Semaphore(admittedCapacity);
        this.maxWaitNanos = maxWait.toNanos();
        this.decoy = hash("not a password anyone has");
    }

    /** Checks being hashed or waiting to be, now. */
    int inFlight() {
        return admittedCapacity - admitted.availablePermits();
    }

    /** The PHC string of {@code password} with a fresh salt and this instance's parameters. */
    String hash(String password) {
        byte[] salt = new byte[16];
        RANDOM.nextBytes(salt);
        byte[] out = derive(password, salt, memoryKib, iterations, PARALLELISM);
        return "$argon2id$v=19$m=" + memoryKib + ",t=" + iterations + ",p=" + PARALLELISM + "$" + B64.encodeToString(salt)
                + "$" + B64.encodeToString(out);
    }

    /** Whether {@code password} is the one {@code phc} was made of; false for anything that is not such a hash. */
    boolean matches(String password, String phc) {
        Matcher m = PHC.matcher(phc == null ? "" : phc);
        if (!m.matches()) {
            derive(password, new byte[16], memoryKib, iterations, PARALLELISM); // the same time as a real check
            return false;
        }
        byte[] expected = B64D.decode(m.group(5));
        byte[] actual = derive(password, B64D.decode(m.group(4)), Integer.parseInt(m.group(1)),
                Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)), expected.length);
        return MessageDigest.isEqual(expected, actual);
    }

    /** Checks a password against nothing, taking as long as a real check. */
    void decoyCheck(String password) {
        matches(password, decoy);
    }

    /** Whether {@code phc} was made with weaker parameters than this instance's. */
    boolean outdated(String phc) {
        Matcher m = PHC.matcher(phc);
        return !m.matches() || Integer.parseInt(m.group(1)) < memoryKib || Integer.parseInt(m.group(2)) < iterations;
    }

    private byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism) {
        return derive(password, salt, memory, iterations, parallelism, 32);
    }

    private byte[] derive(String password, byte[] salt, int memory, int iterations, int parallelism, int length) {
        Argon2Parameters params = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withSalt(salt).withMemoryAsKB(memory)
                .withIterations(iterations).withParallelism(parallelism).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(params);
        byte[] out = new byte[length];
        if (!admitted.tryAcquire()) {
            throw new People.Busy();
        }
        try {
            if (!hashing.tryAcquire(maxWaitNanos, TimeUnit.NANOSECONDS)) {
                throw new People.Busy();
            }
            try {
                generator.generateBytes(password.getBytes(StandardCharsets.UTF_8), out);
            } finally {
                hashing.release();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new People.Busy();
        } finally {
            admitted.release();
        }
        return out;
    }
}
