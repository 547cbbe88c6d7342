package dev.eventline.emitter.ratelimit;

/**
 * A rate limit: events per second refilled, and the burst a full bucket holds.
 *
 * @param perSecond events added to the bucket per second; more than 0
 * @param burst the most events taken at once (and the bucket's size); at least 1
 */
public record Rate(double perSecond, long burst) {

    /** Validates both. */
    public Rate {
        if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
            throw new IllegalArgumentException("a rate needs a positive, finite number of events per second");
        }
        if (burst < 1) {
            throw new IllegalArgumentException("a rate needs a burst of at least 1 event");
        }
    }

    /**
     * A rate written {@code <events per second>} or {@code <events per second>:<burst>}, e.g. {@code
     * 200:400}; the burst defaults to two seconds' worth. Throws {@link IllegalArgumentException} naming
     * the text otherwise.
     */
    public static Rate parse(String text) {
        try {
            String[] parts = text.trim().split(":");
            double perSecond = Double.parseDouble(parts[0].trim());
            long burst = parts.length > 1 ? Long.parseLong(parts[1].trim()) : Math.max(1, Math.round(2 * perSecond));
            if (parts.length > 2) {
                throw new IllegalArgumentException("too many parts");
            }
            return new Rate(perSecond, burst);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "'" + text + "' is not a rate: write <events per second>[:<burst>], e.g. 200:400 (" + e.getMessage()
                            + ")",
                    e);
        }
    }

    /** The seconds a full bucket lasts at no refill, rounded up: the window of the {@code RateLimit-Policy}. */
    public long windowSeconds() {
        return Math.max(1, (long) Math.ceil(burst / perSecond));
    }
}
