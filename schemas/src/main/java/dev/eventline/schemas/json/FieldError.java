package dev.eventline.schemas.json;

/**
 * One wrong field of a request.
 *
 * @param pointer where, as a JSON pointer into the request body (e.g. {@code /payload/progress})
 * @param reason what is wrong, for people
 */
public record FieldError(String pointer, String reason) {

    /** Appends a member name to a pointer, escaping {@code ~} and {@code /} as RFC 6901 says. */
    public static String child(String pointer, String member) {
        return pointer + "/" + member.replace("~", "~0").replace("/", "~1");
    }

    /** Appends an array index to a pointer. */
    public static String child(String pointer, int index) {
        return pointer + "/" + index;
    }
}
