package dev.progy.server.tutor;

import dev.progy.error.ProgyException;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The plans of the setting {@code ai-plans}: {@code <name>:lessons=<n>,tokens=<n|unlimited>[,key=server|own];…}.
 * A plan's daily quota of lessons and model tokens; {@code key=server} lets its accounts use the server's own model
 * key (the default, except for a plan named {@code own-key}), {@code key=own} needs the account's own key. The first
 * plan is the one of every account an admin gave none.
 */
public record AiPlans(java.util.List<Plan> plans, String byDefault) {

    public static final String DEFAULT = "free:lessons=5,tokens=20000;pro:lessons=200,tokens=1000000;"
            + "own-key:lessons=500,tokens=unlimited";

    /** A plan: its limits per UTC day (empty: unlimited) and whether the server's key serves it. */
    public record Plan(String name, OptionalLong lessons, OptionalLong tokens, boolean serverKey) { }

    public AiPlans {
        plans = java.util.List.copyOf(plans);
    }

    public Optional<Plan> plan(String name) {
        return plans.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** The plan named, else the default one (a plan removed from the setting falls back to it). */
    public Plan planOr(Optional<String> name) {
        return name.flatMap(this::plan).orElseGet(() -> plan(byDefault).orElseThrow());
    }

    /** The names, in the setting's order. */
    public String names() {
        return String.join(", ", plans.stream().map(Plan::name).toList());
    }

    public static AiPlans parse(String text) {
        Map<String, Plan> plans = new LinkedHashMap<>();
        String first = null;
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int colon = part.indexOf(':');
            String name = colon < 0 ? "" : part.substring(0, colon).strip();
            if (!name.matches("[a-z0-9][a-z0-9-]{0,39}")) {
                throw bad(text, "a plan starts with its name (lower-case letters, digits, '-') and a colon");
            }
            OptionalLong lessons = null;
            OptionalLong tokens = null;
            boolean serverKey = !name.equals("own-key");
            for (String field : part.substring(colon + 1).split(",")) {
                String[] kv = field.strip().split("=", 2);
                if (kv.length != 2) {
                    throw bad(text, "the plan " + name + " has \"" + field.strip() + "\", not <name>=<value>");
                }
                switch (kv[0].strip()) {
                    case "lessons" -> lessons = limit(text, name, kv[1].strip());
                    case "tokens" -> tokens = limit(text, name, kv[1].strip());
                    case "key" -> {
                        if (!kv[1].strip().equals("server") && !kv[1].strip().equals("own")) {
                            throw bad(text, "the key of plan " + name + " is server or own");
                        }
                        serverKey = kv[1].strip().equals("server");
                    }
                    default -> throw bad(text, "a plan has lessons, tokens and key, not " + kv[0].strip());
                }
            }
            if (lessons == null || tokens == null) {
                throw bad(text, "the plan " + name + " needs lessons=… and tokens=…");
            }
            plans.put(name, new Plan(name, lessons, tokens, serverKey));
            first = first == null ? name : first;
        }
        if (first == null) {
            throw bad(text, "there is no plan in it");
        }
        return new AiPlans(java.util.List.copyOf(plans.values()), first);
    }

    private static OptionalLong limit(String text, String plan, String v) {
        if (v.equals("unlimited")) {
            return OptionalLong.empty();
        }
        try {
            long n = Long.parseLong(v);
            if (n >= 0) {
                return OptionalLong.of(n);
            }
        } catch (NumberFormatException e) {
            // said below
        }
        throw bad(text, "the plan " + plan + " has the limit \"" + v + "\", not a whole number or unlimited");
    }

    private static ProgyException bad(String text, String why) {
        return new ProgyException("The server setting ai-plans cannot be read: " + why + " (it is \"" + text + "\").",
                "Write it as " + DEFAULT + " (set it with --ai-plans, PROGY_SERVER_AI_PLANS or the configuration "
                        + "file).");
    }
}
