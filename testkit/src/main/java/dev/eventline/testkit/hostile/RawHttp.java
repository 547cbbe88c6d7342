package dev.eventline.testkit.hostile;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * HTTP/1.1 as bytes on a socket, for requests no well-behaved client sends: malformed heads, unknown
 * transfer codings, heads sent slowly or never finished. Each call opens its own connection.
 */
public final class RawHttp {

    private final String host;
    private final int port;

    /** A client for the server at {@code base} (http only). */
    public RawHttp(URI base) {
        this.host = base.getHost();
        this.port = base.getPort();
    }

    /**
     * Sends {@code request} as it is, then reads until the server closes or {@code wait} passes with
     * nothing more to read.
     *
     * @return everything the server sent (possibly several responses, possibly nothing)
     */
    public String exchange(String request, Duration wait) throws IOException {
        return exchange(request.getBytes(StandardCharsets.ISO_8859_1), wait);
    }

    /** As {@link #exchange(String, Duration)}, with the request's exact bytes. */
    public String exchange(byte[] request, Duration wait) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) wait.toMillis());
            OutputStream out = socket.getOutputStream();
            out.write(request);
            out.flush();
            return readAll(socket.getInputStream());
        }
    }

    /**
     * Opens a connection, sends {@code partial} (a head that never ends) and reads until the server
     * answers and closes, or {@code wait} passes.
     *
     * @return what the server sent, and whether it closed the connection
     */
    public Outcome stall(String partial, Duration wait) throws IOException {
        try (Socket socket = new Socket(host, port)) {
            socket.setSoTimeout((int) wait.toMillis());
            socket.getOutputStream().write(partial.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            ByteArrayOutputStream received = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int n; (n = socket.getInputStream().read(buffer)) >= 0; ) {
                    received.write(buffer, 0, n);
                }
                return new Outcome(received.toString(StandardCharsets.ISO_8859_1), true);
            } catch (SocketTimeoutException e) {
                return new Outcome(received.toString(StandardCharsets.ISO_8859_1), false);
            }
        }
    }

    /**
     * What the server did with a stalled request.
     *
     * @param received what it sent
     * @param closed whether it closed the connection before the wait ended
     */
    public record Outcome(String received, boolean closed) {}

    private static String readAll(InputStream in) throws IOException {
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                received.write(buffer, 0, n);
            }
        } catch (SocketTimeoutException e) {
            // The server keeps the connection open: what it sent so far is the answer.
        }
        return received.toString(StandardCharsets.ISO_8859_1);
    }

    /** The status codes of every response in {@code received}, in order. */
    public static java.util.List<Integer> statuses(String received) {
        java.util.List<Integer> statuses = new java.util.ArrayList<>();
        java.util.regex.Matcher status =
                java.util.regex.Pattern.compile("HTTP/1\\.[01] (\\d{3}) ").matcher(received);
        while (status.find()) {
            statuses.add(Integer.parseInt(status.group(1)));
        }
        return statuses;
    }
}
