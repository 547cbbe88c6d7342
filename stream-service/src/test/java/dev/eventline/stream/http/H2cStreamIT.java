package dev.eventline.stream.http;

import java.net.http.HttpClient;

/**
 * Every stream behaviour again over h2c reached by upgrade from HTTP/1.1 on a plaintext port (what
 * the JDK's client does): the upgrade request is answered on HTTP/2 stream 1 by {@link DirectHttp2Sink}.
 */
class H2cStreamIT extends StreamIT {

    @Override
    HttpClient client() {
        return HttpClient.newBuilder().version(HttpClient.Version.HTTP_2).build();
    }
}
