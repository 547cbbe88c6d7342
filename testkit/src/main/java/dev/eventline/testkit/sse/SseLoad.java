package dev.eventline.testkit.sse;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An SSE load generator: holds thousands of HTTP/1.1 SSE connections to one server on a few selector
 * threads, and checks every event they deliver ({@link SseConnection}).
 *
 * <p>One process can hold as many connections as its file limit allows (20,000 on the project's
 * machines). Connections are opened a few hundred at a time so the server's accept backlog never
 * overflows, which would turn into retransmission delays rather than load.
 *
 * <p>Threading: {@link #open} and the readings may be called from any thread; each connection is read
 * by one selector thread. Close it to close every connection.
 */
public final class SseLoad implements SubscriberLoad {

    private static final int MAX_CONNECTING = 256;

    private final InetSocketAddress address;
    private final List<Loop> loops = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger();

    /** A generator for the server at {@code host:port}, reading on {@code threads} threads. */
    public SseLoad(String host, int port, int threads) throws IOException {
        this.address = new InetSocketAddress(host, port);
        for (int i = 0; i < threads; i++) {
            Loop loop = new Loop(Selector.open());
            Thread thread = new Thread(loop, "sse-load-" + i);
            thread.setDaemon(true);
            thread.start();
            loops.add(loop);
        }
    }

    /** Opens {@code count} connections, one subscriber each. */
    @Override
    public SseGroup open(int count, IntFunction<String> request, boolean keepIds, Duration timeout)
            throws IOException, InterruptedException {
        List<SseConnection> opened = new ArrayList<>(count);
        long deadline = System.nanoTime() + timeout.toNanos();
        for (int i = 0; i < count; i++) {
            while (connecting(opened, opened.size() - 2 * MAX_CONNECTING) >= MAX_CONNECTING
                    && System.nanoTime() < deadline) {
                Thread.sleep(1);
            }
            Loop loop = loops.get(Math.floorMod(next.getAndIncrement(), loops.size()));
            SseConnection connection = new SseConnection(loop.latencies, keepIds);
            SocketChannel channel = SocketChannel.open();
            channel.configureBlocking(false);
            channel.connect(address);
            byte[] bytes = request.apply(i).getBytes(StandardCharsets.ISO_8859_1);
            loop.execute(() -> loop.register(channel, connection, ByteBuffer.wrap(bytes)));
            opened.add(connection);
        }
        SseGroup group = new SseGroup(this::close, opened);
        while (connecting(opened, 0) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return group;
    }

    /**
     * Connections from index {@code from} on still waiting for their response head. While opening, only
     * the most recent ones are looked at (older ones have almost always answered: a cheap throttle); the
     * final wait looks at all.
     */
    private static int connecting(List<SseConnection> connections, int from) {
        int waiting = 0;
        for (int i = Math.max(0, from); i < connections.size(); i++) {
            SseConnection c = connections.get(i);
            if (c.status == 0 && !c.ended) {
                waiting++;
            }
        }
        return waiting;
    }

    @Override
    public Latencies latencies() {
        Latencies all = new Latencies();
        for (Loop loop : loops) {
            loop.call(() -> all.add(loop.latencies));
        }
        return all;
    }

    @Override
    public void clearLatencies() {
        for (Loop loop : loops) {
            loop.call(loop.latencies::clear);
        }
    }

    void close(List<SseConnection> connections) {
        for (Loop loop : loops) {
            loop.call(() -> loop.closeAll(connections));
        }
    }

    @Override
    public void close() {
        for (Loop loop : loops) {
            loop.call(loop::stop);
        }
    }

    /** One selector thread. */
    private static final class Loop implements Runnable {

        private final Selector selector;
        private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();
        // On the heap so the parser reads an array; the JDK copies from its own direct buffer once.
        private final ByteBuffer buffer = ByteBuffer.allocate(256 * 1024);
        private final Latencies latencies = new Latencies();
        private volatile boolean running = true;

        Loop(Selector selector) {
            this.selector = selector;
        }

        void execute(Runnable task) {
            tasks.add(task);
            selector.wakeup();
        }

        void call(Runnable task) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            execute(() -> {
                try {
                    task.run();
                } finally {
                    done.complete(null);
                }
            });
            done.join();
        }

        void register(SocketChannel channel, SseConnection connection, ByteBuffer request) {
            try {
                channel.register(selector, SelectionKey.OP_CONNECT, new Attachment(connection, request));
            } catch (IOException e) {
                connection.ended = true;
            }
        }

        void closeAll(List<SseConnection> connections) {
            var wanted = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<SseConnection, Boolean>());
            wanted.addAll(connections);
            for (SelectionKey key : selector.keys()) {
                if (wanted.contains(((Attachment) key.attachment()).connection)) {
                    closeKey(key);
                }
            }
        }

        void stop() {
            for (SelectionKey key : selector.keys()) {
                closeKey(key);
            }
            running = false;
        }

        @Override
        public void run() {
            try {
                while (running) {
                    selector.select(100);
                    Runnable task;
                    while ((task = tasks.poll()) != null) {
                        task.run();
                    }
                    for (SelectionKey key : selector.selectedKeys()) {
                        handle(key);
                    }
                    selector.selectedKeys().clear();
                }
                selector.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private void handle(SelectionKey key) {
            Attachment attachment = (Attachment) key.attachment();
            SocketChannel channel = (SocketChannel) key.channel();
            try {
                if (key.isConnectable()) {
                    channel.finishConnect();
                    channel.write(attachment.request);
                    key.interestOps(attachment.request.hasRemaining() ? SelectionKey.OP_WRITE : SelectionKey.OP_READ);
                } else if (key.isWritable()) {
                    channel.write(attachment.request);
                    if (!attachment.request.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    buffer.clear();
                    int read = channel.read(buffer);
                    if (read < 0) {
                        closeKey(key);
                        return;
                    }
                    attachment.connection.feed(buffer.array(), 0, read);
                }
            } catch (IOException | RuntimeException e) {
                attachment.connection.error = e.toString();
                closeKey(key);
            }
        }

        private static void closeKey(SelectionKey key) {
            ((Attachment) key.attachment()).connection.ended = true;
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException e) {
                // Closing for good; nothing to do.
            }
        }
    }

    private record Attachment(SseConnection connection, ByteBuffer request) {}
}
