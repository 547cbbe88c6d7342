package dev.eventline.bench.load;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/**
 * An open-loop HTTP/1.1 load generator: sends requests at a fixed rate over a pool of keep-alive
 * connections, one request at a time per connection, and measures each request's latency from the
 * moment it was <em>scheduled</em>, so a server stall counts against every request it delays
 * (no coordinated omission).
 *
 * <p>Cheap on purpose: one selector thread, requests prepared as bytes, responses parsed only as far as
 * status and {@code Content-Length}. On the project's two-core machines the JDK's HTTP client spent as
 * much CPU as the server it measured at 1,000 requests/s; this one leaves the cores to the server.
 *
 * <p>Threading: {@link #run} blocks its caller, on whose thread everything happens; not thread-safe.
 */
public final class PostLoad {

    /** How long after the last scheduled request answers are still awaited. */
    private static final Duration DRAIN = Duration.ofSeconds(30);

    private final InetSocketAddress address;
    private final int maxConnections;

    /** Requests go to {@code host:port} over at most {@code maxConnections} connections. */
    public PostLoad(String host, int port, int maxConnections) {
        this.address = new InetSocketAddress(host, port);
        this.maxConnections = maxConnections;
    }

    /**
     * What a run measured: latencies of the answered requests (sorted, nanoseconds), answers by status
     * (0: no answer: the connection failed or the run ended first), the run's length, and how late the
     * generator's own loop took each request up after its scheduled time (sorted, nanoseconds): part of
     * every latency, and the generator's doing, not the server's (waiting for a free connection, which
     * a slow server causes, is not in it), and each request's latency in the order they were scheduled
     * ({@code byRequest[i]} for the request scheduled {@code i} periods after the start; -1 when it got
     * no answer), which shows when slow requests came, not only how many there were.
     */
    public record Result(
            long[] latencies, Map<Integer, Integer> statuses, double seconds, long[] late, long[] byRequest) {

        /** The latency that {@code fraction} of answered requests did not exceed, in ms; NaN when none. */
        public double percentileMillis(double fraction) {
            return percentile(latencies, fraction);
        }

        /** The lateness that {@code fraction} of requests did not exceed, in ms; NaN when none. */
        public double latePercentileMillis(double fraction) {
            return percentile(late, fraction);
        }

        private static double percentile(long[] sortedNanos, double fraction) {
            if (sortedNanos.length == 0) {
                return Double.NaN;
            }
            int index = (int) Math.min(sortedNanos.length - 1, Math.ceil(fraction * sortedNanos.length) - 1);
            return sortedNanos[Math.max(0, index)] / 1e6;
        }

        /** Requests answered with {@code status}. */
        public int count(int status) {
            return statuses.getOrDefault(status, 0);
        }
    }

    /**
     * Sends {@code rate} requests per second for {@code duration}; request {@code i} is the whole HTTP
     * request {@code request.apply(i)}. Returns once every request is answered or failed.
     */
    public Result run(int rate, Duration duration, IntFunction<byte[]> request) throws IOException {
        int total = (int) (duration.toMillis() * rate / 1000);
        long period = 1_000_000_000L / rate;
        long[] late = new long[total];
        long[] byRequest = new long[total];
        Arrays.fill(byRequest, -1);
        Map<Integer, Integer> statuses = new TreeMap<>();
        ArrayDeque<Connection> idle = new ArrayDeque<>();
        ArrayDeque<Integer> due = new ArrayDeque<>();
        int open = 0;
        int issued = 0;
        int done = 0;
        try (Selector selector = Selector.open()) {
            long start = System.nanoTime();
            long giveUp = start + duration.toNanos() + DRAIN.toNanos();
            while (done < total && System.nanoTime() < giveUp) {
                long now = System.nanoTime();
                while (issued < total && start + issued * period <= now) {
                    late[issued] = now - (start + issued * period);
                    due.add(issued++);
                }
                while (!due.isEmpty() && (!idle.isEmpty() || open < maxConnections)) {
                    Connection connection = idle.poll();
                    if (connection == null) {
                        connection = connect(selector);
                        open++;
                    }
                    int index = due.poll();
                    if (!connection.send(index, start + index * period, request.apply(index))) {
                        statuses.merge(0, 1, Integer::sum);
                        done++;
                        open--;
                    }
                }
                long wait = issued < total ? start + issued * period - System.nanoTime() : 100_000_000L;
                if (wait <= 0) {
                    selector.selectNow();
                } else {
                    // Millisecond granularity: a request may leave up to 1 ms late, which its latency
                    // (counted from the schedule) includes; spinning instead would take a core from the server.
                    selector.select(Math.max(1, wait / 1_000_000L));
                }
                for (SelectionKey key : selector.selectedKeys()) {
                    Connection connection = (Connection) key.attachment();
                    boolean waited = connection.out != null;
                    int status = connection.handle();
                    if (status == Connection.BUSY) {
                        continue;
                    }
                    if (status == 0) {
                        // An idle connection the server closed costs no request.
                        open--;
                        idle.remove(connection);
                    } else {
                        byRequest[connection.index] = System.nanoTime() - connection.scheduled;
                        idle.add(connection);
                    }
                    if (waited) {
                        statuses.merge(status, 1, Integer::sum);
                        done++;
                    }
                }
                selector.selectedKeys().clear();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            statuses.merge(0, total - done, Integer::sum);
            statuses.remove(0, 0);
            for (SelectionKey key : selector.keys()) {
                key.channel().close();
            }
            // The answered requests' latencies, sorted for percentiles.
            long[] sorted = Arrays.stream(byRequest)
                    .filter(nanos -> nanos >= 0)
                    .sorted()
                    .toArray();
            long[] taken = Arrays.copyOf(late, issued);
            Arrays.sort(taken);
            return new Result(sorted, statuses, seconds, taken, byRequest);
        }
    }

    private Connection connect(Selector selector) throws IOException {
        SocketChannel channel = SocketChannel.open();
        channel.configureBlocking(false);
        // Requests are small and each waits for its answer: Nagle would only add delay.
        channel.setOption(StandardSocketOptions.TCP_NODELAY, true);
        channel.connect(address);
        Connection connection = new Connection(channel);
        connection.key = channel.register(selector, SelectionKey.OP_CONNECT, connection);
        return connection;
    }

    /** One keep-alive connection carrying one request at a time. */
    private static final class Connection {

        static final int BUSY = -1;
        private static final byte[] HEAD_END = "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1);

        private final SocketChannel channel;
        private final ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        private SelectionKey key;
        private ByteBuffer out;
        private int index;
        private long scheduled;

        Connection(SocketChannel channel) {
            this.channel = channel;
        }

        /** Starts sending request {@code number}; false when the connection turned out broken (it is closed). */
        boolean send(int number, long scheduledAt, byte[] request) {
            index = number;
            scheduled = scheduledAt;
            out = ByteBuffer.wrap(request);
            try {
                if (channel.isConnected()) {
                    write();
                }
                return true;
            } catch (IOException e) {
                close();
                return false;
            }
        }

        /** Handles readiness; answers {@link #BUSY}, the response's status, or 0 when the connection failed. */
        int handle() {
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    key.interestOps(SelectionKey.OP_READ);
                }
                if (out != null && out.hasRemaining()) {
                    write();
                }
                if (key.isValid() && key.isReadable()) {
                    if (channel.read(in) < 0) {
                        throw new IOException("closed by the server");
                    }
                    return parse();
                }
                return BUSY;
            } catch (IOException e) {
                close();
                return 0;
            }
        }

        private void close() {
            key.cancel();
            try {
                channel.close();
            } catch (IOException ignored) {
                // already failed
            }
        }

        private void write() throws IOException {
            channel.write(out);
            key.interestOps(out.hasRemaining() ? SelectionKey.OP_READ | SelectionKey.OP_WRITE : SelectionKey.OP_READ);
        }

        /** The status once a whole response is in; {@link #BUSY} before. */
        private int parse() throws IOException {
            byte[] bytes = in.array();
            int headEnd = indexOf(bytes, in.position());
            if (headEnd < 0) {
                return BUSY;
            }
            String head = new String(bytes, 0, headEnd, StandardCharsets.ISO_8859_1);
            int length = contentLength(head);
            int responseEnd = headEnd + HEAD_END.length + length;
            if (in.position() < responseEnd) {
                return BUSY;
            }
            int status = Integer.parseInt(head.substring(9, 12));
            in.flip().position(responseEnd);
            in.compact();
            out = null;
            return status;
        }

        private static int indexOf(byte[] bytes, int limit) {
            for (int i = 0; i + HEAD_END.length <= limit; i++) {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n') {
                    return i;
                }
            }
            return -1;
        }

        private static int contentLength(String head) throws IOException {
            for (String line : head.split("\r\n")) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
                    return Integer.parseInt(line.substring(colon + 1).trim());
                }
            }
            // Every answer of the emit API has a length; anything else is a failure of the run.
            throw new IOException("response without Content-Length: "
                    + head.lines().findFirst().orElse(""));
        }
    }
}
