package dev.eventline.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Prometheus histogram as a service exposes it on {@code /prometheus}: cumulative bucket counts by
 * upper bound. Two scrapes taken around a phase give that phase's distribution as seen by the service
 * itself, which separates its own latency from time spent in the load generator or the machine's
 * scheduler.
 *
 * <p>Immutable; {@link #scrape} blocks on one HTTP request.
 */
record ScrapedHistogram(TreeMap<Double, Long> cumulative) {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** Reads histogram {@code name} (its {@code _bucket} series, all label sets summed) from {@code url}. */
    static ScrapedHistogram scrape(String url, String name) throws IOException, InterruptedException {
        String text = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString())
                .body();
        return parse(text, name);
    }

    /** Histogram {@code name} in Prometheus text exposition {@code text}. */
    static ScrapedHistogram parse(String text, String name) {
        Pattern bucket = Pattern.compile(
                "^" + Pattern.quote(name) + "_bucket\\{(?:.*,)?le=\"([^\"]+)\".*} ([0-9.eE+]+)$", Pattern.MULTILINE);
        TreeMap<Double, Long> counts = new TreeMap<>();
        Matcher m = bucket.matcher(text);
        while (m.find()) {
            double le = m.group(1).equals("+Inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(m.group(1));
            counts.merge(le, (long) Double.parseDouble(m.group(2)), Long::sum);
        }
        return new ScrapedHistogram(counts);
    }

    /** What was recorded after {@code earlier} was scraped. */
    ScrapedHistogram since(ScrapedHistogram earlier) {
        TreeMap<Double, Long> counts = new TreeMap<>();
        for (Map.Entry<Double, Long> e : cumulative.entrySet()) {
            counts.put(e.getKey(), e.getValue() - earlier.cumulative.getOrDefault(e.getKey(), 0L));
        }
        return new ScrapedHistogram(counts);
    }

    /** Observations counted. */
    long count() {
        return cumulative.isEmpty() ? 0 : cumulative.lastEntry().getValue();
    }

    /**
     * The upper bound of the bucket holding the {@code fraction} quantile, in the histogram's unit
     * times {@code scale}: "this fraction took at most this long". NaN when empty.
     */
    double upperBound(double fraction, double scale) {
        long rank = (long) Math.ceil(fraction * count());
        for (Map.Entry<Double, Long> e : cumulative.entrySet()) {
            if (e.getValue() >= rank && rank > 0) {
                return e.getKey() * scale;
            }
        }
        return Double.NaN;
    }
}
