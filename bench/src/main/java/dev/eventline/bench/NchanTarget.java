package dev.eventline.bench;

import dev.eventline.infra.kafka.FreePorts;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Nchan, the peer: nginx with the Nchan module (Debian's {@code nginx-light} and
 * {@code libnginx-mod-nchan}), one channel, EventSource subscribers, HTTP POST publishing. Nothing
 * durable sits in its path: it is the in-memory pub/sub our Kafka-backed stream is compared with.
 *
 * <p>Publishing is one POST at a time from the caller's thread, so events reach the channel in order.
 */
final class NchanTarget implements FanOutTarget {

    private static final Path MODULE = Path.of("/usr/lib/nginx/modules/ngx_nchan_module.so");
    private static final Path NGINX = Path.of("/usr/sbin/nginx");

    private final int port = FreePorts.next();
    private final HttpPeer peer;

    /** Starts nginx with Nchan in {@code work}; {@code workers} worker processes. */
    NchanTarget(Path work, int workers) throws IOException, InterruptedException {
        if (!Files.isExecutable(NGINX) || !Files.isRegularFile(MODULE)) {
            throw new IllegalStateException(
                    "Nchan not installed: apt-get install nginx-light libnginx-mod-nchan (bench/bin/bench does)");
        }
        Path prefix = Files.createDirectories(work.resolve("nchan"));
        Files.createDirectories(prefix.resolve("logs"));
        Files.createDirectories(prefix.resolve("tmp"));
        Files.writeString(prefix.resolve("nginx.conf"), config(workers));
        Process process = new ProcessBuilder(
                        NGINX.toString(),
                        "-p",
                        prefix.toString(),
                        "-c",
                        prefix.resolve("nginx.conf").toString())
                .redirectErrorStream(true)
                .redirectOutput(prefix.resolve("logs/stdout.log").toFile())
                .start();
        URI publish = URI.create("http://127.0.0.1:" + port + "/pub");
        peer = new HttpPeer("nginx", process, publish);
        // Any answer of the publisher location (a GET describes the channel) means nginx is up.
        peer.awaitAnswering(
                publish, Duration.ofSeconds(20), prefix.resolve("logs").toString());
    }

    private String config(int workers) {
        // Settings as a production Nchan fan-out would use them: enough descriptors for the file limit,
        // no access log, a message buffer for resumes like our window.
        return """
                load_module %s;
                daemon off;
                worker_processes %d;
                worker_rlimit_nofile 20000;
                error_log logs/error.log warn;
                pid logs/nginx.pid;
                events { worker_connections 20000; }
                http {
                  access_log off;
                  client_body_temp_path tmp/body;
                  proxy_temp_path tmp/proxy;
                  fastcgi_temp_path tmp/fastcgi;
                  uwsgi_temp_path tmp/uwsgi;
                  scgi_temp_path tmp/scgi;
                  server {
                    listen 127.0.0.1:%d backlog=4096;
                    location = /sub {
                      nchan_subscriber eventsource;
                      nchan_channel_id bench;
                      # Like our stream without a cursor: a new subscriber starts at the live end
                      # (Nchan's default, oldest, would replay the whole message buffer first).
                      nchan_subscriber_first_message newest;
                    }
                    location = /pub {
                      nchan_publisher;
                      nchan_channel_id bench;
                      nchan_message_buffer_length 10000;
                      nchan_message_timeout 10m;
                    }
                  }
                }
                """
                .formatted(MODULE, workers, port);
    }

    @Override
    public String name() {
        return "Nchan";
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
        return "GET /sub HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: text/event-stream\r\n"
                + (lastEventId == null ? "" : "Last-Event-ID: " + lastEventId + "\r\n")
                + "\r\n";
    }

    @Override
    public void publish(long sequence) throws IOException, InterruptedException {
        peer.publish(sequence);
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
