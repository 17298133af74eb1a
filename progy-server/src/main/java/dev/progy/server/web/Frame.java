package dev.progy.server.web;

/**
 * What every page's frame shows: its title, who is signed in (empty when no one), whether they are an
 * administrator (for the link to the admin pages), and the form token the sign-out button carries.
 */
public record Frame(String title, String name, boolean admin, String csrf) {

    public boolean signedIn() {
        return !name.isEmpty();
    }
}
