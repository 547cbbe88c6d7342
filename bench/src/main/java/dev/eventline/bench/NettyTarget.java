package dev.eventline.bench;

import dev.eventline.infra.jvm.ChildJvm;
import dev.eventline.infra.kafka.FreePorts;
import dev.eventline.infra.stack.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The bare-Netty reference ({@link BroadcastServer}) as a fan-out target, in a JVM of its own with the
 * same heap limit as our service; events published by HTTP POST, one at a time, like Nchan's.
 *
 * <p>{@link #publish} is called from one thread, so events reach the server in order.
 */
final class NettyTarget implements JvmTarget {

    private final int port = FreePorts.next();
    private final HttpPeer peer;

    /** Starts the server; its output goes to {@code work/netty.log}. */
    NettyTarget(Path work) throws IOException, InterruptedException {
        Path log = Files.createDirectories(work).resolve("netty.log");
        List<String> command = ChildJvm.command(ServiceProcess.HEAP_MEGABYTES);
        command.addAll(List.of(
                "-cp", System.getProperty("java.class.path"), BroadcastServer.class.getName(), Integer.toString(port)));
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        peer = new HttpPeer("the Netty broadcast server", process, URI.create("http://127.0.0.1:" + port + "/pub"));
        peer.awaitAnswering(URI.create("http://127.0.0.1:" + port + "/health"), Duration.ofSeconds(30), log.toString());
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
        return peer.pid();
    }

    @Override
    public String subscribe(int index, String lastEventId) {
        return "GET /sub HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n\r\n";
    }

    @Override
    public void publish(long sequence) throws IOException, InterruptedException {
        peer.publish(sequence);
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
    public void close() throws InterruptedException {
        peer.close();
    }
}
