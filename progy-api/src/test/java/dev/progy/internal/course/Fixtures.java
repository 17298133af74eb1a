package dev.progy.internal.course;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Path;

/** The fixture courses under src/test/resources/courses. */
final class Fixtures {

    private Fixtures() {
    }

    static Path course(String relative) {
        URL url = Fixtures.class.getResource("/courses/" + relative);
        if (url == null) {
            throw new IllegalArgumentException("no fixture course " + relative);
        }
        try {
            return Path.of(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
