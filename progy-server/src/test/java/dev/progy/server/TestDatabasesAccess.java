package dev.progy.server;

/** {@link TestDatabases} for tests in other packages of the server. */
public final class TestDatabasesAccess {

    private TestDatabasesAccess() { }

    public static String postgres() {
        return TestDatabases.postgres();
    }

    public static void drop(String database) {
        TestDatabases.drop(database);
    }
}
