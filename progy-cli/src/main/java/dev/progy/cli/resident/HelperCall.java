package dev.progy.cli.resident;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One call of the launcher's, as it writes it into the helper's {@code calls} FIFO: fields each ended by a NUL byte
 * (a NUL cannot occur in an argument or an environment variable) —
 * {@code progy-call-1}, the launcher's pid, {@code 1} when its input and output are a terminal, its working folder,
 * the number of arguments, the arguments, then its environment as {@code env -0} prints it, then an empty field.
 *
 * @param pid      the launcher's process, whose descriptors 4, 5 and 6 are the command's input and output
 * @param terminal whether input and output are a terminal (what {@code System.console()} says in a JVM of its own)
 * @param pwd      the launcher's working folder
 * @param args     the command line after {@code progy}
 * @param env      the launcher's environment
 */
record HelperCall(long pid, boolean terminal, String pwd, List<String> args, Map<String, String> env) {
    static final String HEADER = "progy-call-1";
    /** More than any real call: a writer that is not the launcher does not make the helper hold gigabytes. */
    private static final int MAX_FIELD = 1 << 20;
    private static final int MAX_FIELDS = 100_000;

    /** The subcommand a command line names ({@code progy -C ws run} runs {@code run}), or "". */
    static String command(List<String> args) {
        int at = !args.isEmpty() && args.get(0).equals("-C") ? 2 : 0;
        return args.size() > at ? args.get(at) : "";
    }

    /** Whether a helper serves this command line: {@code run} and {@code list}, the commands a student repeats. */
    static boolean served(List<String> args) {
        String command = command(args);
        return command.equals("run") || command.equals("list");
    }

    /** Reads the next call, blocking until it is all there. */
    static HelperCall read(InputStream in) throws IOException {
        String header = field(in);
        if (!header.equals(HEADER)) {
            throw new IOException("not a progy call: '" + header + "'");
        }
        long pid = Long.parseLong(field(in));
        boolean terminal = field(in).equals("1");
        String pwd = field(in);
        int argc = Integer.parseInt(field(in));
        if (argc < 0 || argc > MAX_FIELDS) {
            throw new IOException("a call with " + argc + " arguments");
        }
        List<String> args = new ArrayList<>(argc);
        for (int i = 0; i < argc; i++) {
            args.add(field(in));
        }
        Map<String, String> env = new HashMap<>();
        for (String entry = field(in); !entry.isEmpty(); entry = field(in)) {
            int eq = entry.indexOf('=');
            if (eq > 0) {
                env.put(entry.substring(0, eq), entry.substring(eq + 1));
            }
            if (env.size() > MAX_FIELDS) {
                throw new IOException("a call with too many variables");
            }
        }
        return new HelperCall(pid, terminal, pwd, List.copyOf(args), Map.copyOf(env));
    }

    private static String field(InputStream in) throws IOException {
        byte[] buf = new byte[64];
        int n = 0;
        for (int b = in.read(); b != 0; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the call ended early");
            }
            if (n == buf.length) {
                if (n >= MAX_FIELD) {
                    throw new IOException("a field of a call over " + MAX_FIELD + " bytes");
                }
                buf = java.util.Arrays.copyOf(buf, n * 2);
            }
            buf[n++] = (byte) b;
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }
}
