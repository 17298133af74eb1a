package dev.progy.server.account;

import dev.progy.error.ProgyException;
import dev.progy.server.http.ApiException;
import dev.progy.sync.hub.HubAccount;
import dev.progy.sync.hub.HubMember;
import dev.progy.sync.hub.HubPerson;
import dev.progy.sync.hub.SyncHub;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * People who sign up and sign in with an e-mail address and a password, their roles, and organisations
 * ({@code @scope}) with owners and members. No answer tells whether an e-mail address is registered: a sign-in
 * with an unknown address takes as long as one with a wrong password and fails the same way.
 */
public final class People {

    /**
     * Too many passwords are being checked at once: refused at once rather than queued behind them, answered 503
     * with {@code Retry-After} by any route, so sign-in floods cannot hold every request thread.
     */
    public static final class Busy extends ApiException {
        Busy() {
            super(503, "busy", "The server is checking many passwords at once. Try again in a second.",
                    Optional.of(1L));
        }
    }

    /** A signed-in person. */
    public record Person(HubAccount account, Role role) { }

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]{1,190}\\.[^@\\s.]{1,63}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,38}");
    private static final Pattern ORG = Pattern.compile("@[a-z0-9][a-z0-9-]{0,38}");
    static final int MIN_PASSWORD = 10;
    static final int MAX_PASSWORD = 1000;

    private final SyncHub hub;
    private final Passwords passwords;

    public People(SyncHub hub) {
        this(hub, new Passwords(Passwords.MEMORY_KIB, Passwords.ITERATIONS,
                Math.max(1, Runtime.getRuntime().availableProcessors() / 2)));
    }

    People(SyncHub hub, Passwords passwords) {
        this.hub = hub;
        this.passwords = passwords;
    }

    /** Signs up a student; refuses a weak password, or a name or address in use (without saying which). */
    public Person signUp(String name, String email, String password) {
        String address = checked(name, email, password);
        HubAccount account = hub.addPerson(name, address, passwords.hash(password), Role.STUDENT.text());
        return new Person(account, Role.STUDENT);
    }

    /**
     * Signs up a student with an administrator's invitation {@code code}, used up by it; refuses an unknown or used
     * code as it refuses a name or address in use.
     */
    public Person signUpInvited(String name, String email, String password, String code) {
        String address = checked(name, email, password);
        HubAccount account = hub.web().addInvited(code.trim(), name, address, passwords.hash(password),
                Role.STUDENT.text());
        return new Person(account, Role.STUDENT);
    }

    /** Replaces {@code account}'s password; refuses one too short or too long. */
    public void setPassword(HubAccount account, String password) {
        checkPassword(password);
        hub.setPasswordHash(account, passwords.hash(password));
    }

    /**
     * Refuses a sign-up whose name, e-mail address or password is not acceptable, before anything is looked up:
     * such a refusal says nothing about who is registered.
     */
    public void checkSignUp(String name, String email, String password) {
        checked(name, email, password);
    }

    /**
     * How long sign-ups from the network address {@code from} are refused: a sign-up refused because its name or
     * address is in use tells that someone has it, so such refusals count against the address's sign-in limit and
     * nobody can test many addresses quickly.
     */
    public Optional<Duration> signUpLimited(String from) {
        return hub.loginFailures("address:" + from, WINDOW.toMillis()) >= PER_ADDRESS ? Optional.of(WINDOW)
                : Optional.empty();
    }

    /** Counts a sign-up refused because its name or address is in use against {@code from}'s limit. */
    public void countRefusedSignUp(String from) {
        hub.recordLoginFailure(List.of("address:" + from));
    }

    private static String checked(String name, String email, String password) {
        if (!NAME.matcher(name).matches()) {
            throw new ProgyException("A name is 1 to 39 lower-case letters, digits, - or _, starting with a letter or digit.",
                    "Choose a name such as ada or ada-lovelace.");
        }
        String address = normalised(email);
        if (!EMAIL.matcher(address).matches()) {
            throw new ProgyException("That is not an e-mail address.", "Give an address such as ada@example.org.");
        }
        checkPassword(password);
        return address;
    }

    private static void checkPassword(String password) {
        if (password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new ProgyException("A password is " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters long.",
                    "Choose a longer one; a few unrelated words are easy to remember.");
        }
    }

    /** Failed sign-ins counted over this window. */
    static final Duration WINDOW = Duration.ofMinutes(15);
    /** Failed sign-ins for one e-mail address in {@link #WINDOW} before it is refused until the window passes. */
    static final int PER_ACCOUNT = 5;
    /** Failed sign-ins from one network address in {@link #WINDOW}. */
    static final int PER_ADDRESS = 30;

    /**
     * A sign-in's outcome: the person, or nothing; or {@code retryAfter} when too many attempts failed for that
     * e-mail address or from that network address (said alike whether the e-mail address is registered or not).
     */
    public record SignIn(Optional<Person> person, Optional<Duration> retryAfter) { }

    /**
     * The person whose address and password these are; nothing otherwise, whether the address is unknown or the
     * password wrong (the same answer, in the same time). Failed attempts are counted in the database, per e-mail
     * address and per network address {@code from}, so every instance limits them alike. A hash made with weaker
     * parameters is replaced.
     */
    public SignIn signIn(String email, String password, String from) {
        String account = "email:" + normalised(email);
        String address = "address:" + from;
        if (hub.loginFailures(account, WINDOW.toMillis()) >= PER_ACCOUNT
                || hub.loginFailures(address, WINDOW.toMillis()) >= PER_ADDRESS) {
            return new SignIn(Optional.empty(), Optional.of(WINDOW));
        }
        Optional<Person> person = check(email, password);
        if (person.isEmpty()) {
            hub.recordLoginFailure(List.of(account, address));
        } else {
            hub.clearLoginFailures(account);
        }
        return new SignIn(person, Optional.empty());
    }

    /** {@link #signIn} without limits, for callers that limit otherwise. */
    public Optional<Person> signIn(String email, String password) {
        return check(email, password);
    }

    private Optional<Person> check(String email, String password) {
        if (password.length() > MAX_PASSWORD) {
            return Optional.empty();
        }
        Optional<HubPerson> found = hub.personByEmail(normalised(email));
        if (found.isEmpty() || found.get().passwordHash().isEmpty()) {
            passwords.decoyCheck(password);
            return Optional.empty();
        }
        HubPerson p = found.get();
        if (!passwords.matches(password, p.passwordHash().get())) {
            return Optional.empty();
        }
        if (passwords.outdated(p.passwordHash().get())) {
            hub.setPasswordHash(p.account(), passwords.hash(password));
        }
        return Optional.of(new Person(p.account(), Role.of(p.role())));
    }

    public void setRole(String name, Role role) {
        hub.setRole(name, role.text());
    }

    public Role role(HubAccount account) {
        return Role.of(hub.role(account));
    }

    /** Makes the organisation {@code scope} ({@code @name}) owned by {@code owner}. */
    public void createOrganisation(String scope, HubAccount owner) {
        if (!ORG.matcher(scope).matches()) {
            throw new ProgyException("An organisation is @ and 1 to 39 lower-case letters, digits or -.",
                    "Choose a name such as @my-school.");
        }
        hub.createOrganisation(scope, owner);
    }

    /** Adds or changes a member of {@code scope}; only an owner of it may. */
    public void setMember(String scope, HubAccount by, String member, boolean owner) {
        if (!isOwner(scope, by)) {
            throw new ProgyException("Only an owner of " + scope + " can change its members.",
                    "Ask one of its owners.");
        }
        hub.setMember(scope, member, owner ? "owner" : "member");
    }

    public boolean isOwner(String scope, HubAccount account) {
        return hub.memberRole(scope, account).filter("owner"::equals).isPresent();
    }

    public boolean isMember(String scope, HubAccount account) {
        return hub.memberRole(scope, account).isPresent();
    }

    public List<HubMember> members(String scope) {
        return hub.members(scope);
    }

    private static String normalised(String email) {
        return email.trim().toLowerCase(Locale.ROOT);
    }
}
