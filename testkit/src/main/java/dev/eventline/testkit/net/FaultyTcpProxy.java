package dev.eventline.testkit.net;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on a loopback port that forwards to one target and misbehaves on request, as a bad
 * network between two machines would: {@link #latency} delays every byte in both directions (order
 * and throughput kept), {@link #cutConnections} resets every open connection, {@link #refuse} makes new
 * connections fail at once.
 *
 * <p>Threads: one accepts; each connection has a reader and a writer per direction (the writer holds
 * each chunk until its time has come). Thread-safe controls; {@link #close} ends everything.
 */
public final class FaultyTcpProxy implements AutoCloseable {

    private static final int CHUNK = 64 * 1024;

    private final ServerSocket server;
    private final InetSocketAddress target;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private final AtomicInteger accepted = new AtomicInteger();
    private volatile long latencyNanos;
    private volatile boolean refusing;
    private volatile boolean closed;

    private FaultyTcpProxy(ServerSocket server, InetSocketAddress target) {
        this.server = server;
        this.target = target;
        Thread acceptor = new Thread(this::accept, "faulty-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    /**
     * Starts a proxy listening on 127.0.0.1:{@code port} and forwarding to {@code target}
     * ({@code host:port}).
     */
    public static FaultyTcpProxy start(int port, String target) {
        int colon = target.lastIndexOf(':');
        try {
            ServerSocket server = new ServerSocket(port, 50, InetAddress.getLoopbackAddress());
            return new FaultyTcpProxy(
                    server,
                    new InetSocketAddress(target.substring(0, colon), Integer.parseInt(target.substring(colon + 1))));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + port, e);
        }
    }

    /** Delays every chunk by {@code oneWay} in each direction from now on; zero for none. */
    public void latency(Duration oneWay) {
        latencyNanos = oneWay.toNanos();
    }

    /** Resets every open connection (both ends see the connection fail). */
    public void cutConnections() {
        for (Socket socket : open) {
            reset(socket);
        }
    }

    /** While true, every new connection is reset as soon as it is accepted; open ones are cut too. */
    public void refuse(boolean value) {
        refusing = value;
        if (value) {
            cutConnections();
        }
    }

    /** Connections accepted so far (a client that reconnects shows here). */
    public int acceptedConnections() {
        return accepted.get();
    }

    @Override
    public void close() {
        closed = true;
        try {
            server.close();
        } catch (IOException ignored) {
            // Closing anyway.
        }
        cutConnections();
    }

    private void accept() {
        while (!closed) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return;
            }
            accepted.incrementAndGet();
            if (refusing) {
                reset(client);
                continue;
            }
            Socket upstream = new Socket();
            try {
                upstream.connect(target, 2000);
            } catch (IOException e) {
                reset(client);
                continue;
            }
            open.add(client);
            open.add(upstream);
            pipe(client, upstream);
            pipe(upstream, client);
        }
    }

    /** Forwards {@code from} to {@code to}: a reader queues timed chunks, a writer sends each when due. */
    private void pipe(Socket from, Socket to) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread reader = new Thread(() -> read(from, to, queue), "faulty-proxy-read");
        Thread writer = new Thread(() -> write(from, to, queue), "faulty-proxy-write");
        reader.setDaemon(true);
        writer.setDaemon(true);
        reader.start();
        writer.start();
    }

    private record Chunk(byte[] bytes, long dueNanos) {}

    private static final Chunk END = new Chunk(new byte[0], 0);

    private void read(Socket from, Socket to, BlockingQueue<Chunk> queue) {
        byte[] buffer = new byte[CHUNK];
        try {
            InputStream in = from.getInputStream();
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                queue.add(new Chunk(Arrays.copyOf(buffer, n), System.nanoTime() + latencyNanos));
            }
        } catch (IOException e) {
            // Cut or reset: the writer ends the other side.
        }
        queue.add(END);
    }

    private void write(Socket from, Socket to, BlockingQueue<Chunk> queue) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                if (chunk == END) {
                    break;
                }
                long wait = chunk.dueNanos() - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException e) {
            // The other side is gone.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reset(from);
        reset(to);
    }

    private void reset(Socket socket) {
        open.remove(socket);
        try {
            // Linger zero: close sends RST, as a dropped connection looks to both ends.
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException ignored) {
            // Already closed.
        }
    }
}
