package dev.eventline.infra.bench;

import dev.eventline.infra.kafka.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/**
 * The bare-Netty reference ({@link BroadcastServer}) as a fan-out target, in a JVM of its own with the
 * same heap limit as our service; events published by HTTP POST, one at a time, like Nchan's.
 *
 * <p>{@link #publish} is called from one thread, so events reach the server in order.
 */
final class NettyTarget implements FanOutTarget {

    private final int port = FreePorts.next();
    private final Process process;
    private final HttpClient http =
            HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI publish;

    /** Starts the server; its output goes to {@code work/netty.log}. */
    NettyTarget(Path work) throws IOException, InterruptedException {
        Path log = Files.createDirectories(work).resolve("netty.log");
        process = new ProcessBuilder(
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-Xmx512m",
                        "-cp",
                        System.getProperty("java.class.path"),
                        BroadcastServer.class.getName(),
                        Integer.toString(port))
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        publish = URI.create("http://127.0.0.1:" + port + "/pub");
        awaitUp(log);
    }

    private void awaitUp(Path log) throws IOException, InterruptedException {
        URI health = URI.create("http://127.0.0.1:" + port + "/health");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("the Netty broadcast server exited; see " + log);
            }
            try {
                http.send(HttpRequest.newBuilder(health).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                Thread.sleep(100);
            }
        }
        throw new IllegalStateException("the Netty broadcast server is not answering; see " + log);
    }

    @Override
    public String name() {
        return "bare Netty";
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public String subscribe(int index, String lastEventId) {
        return "GET /sub HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
    }

    @Override
    public void publish(long sequence) throws IOException, InterruptedException {
        HttpResponse<Void> response = http.send(
                HttpRequest.newBuilder(publish)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(NchanTarget.eventJson(sequence)))
                        .build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException("the broadcast server refused a publish: " + response.statusCode());
        }
    }

    @Override
    public boolean resumes() {
        // It keeps nothing: a reconnecting subscriber starts at the live end.
        return false;
    }

    @Override
    public void flush() {
        // Each publish waited for its answer.
    }

    @Override
    public void settle() throws IOException, InterruptedException {
        Jcmd.collect(process.pid());
    }

    @Override
    public OptionalLong liveHeapBytes() throws IOException, InterruptedException {
        return Jcmd.liveHeapBytes(process.pid());
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
