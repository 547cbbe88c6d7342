package dev.eventline.stream.http;

import dev.eventline.infra.tls.DevCertificate;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every stream behaviour again over HTTP/2 as browsers speak it: TLS with a certificate, h2 chosen by
 * ALPN, each stream an HTTP/2 stream written by {@link DirectHttp2Sink}.
 */
class Http2StreamIT extends StreamIT {

    @TempDir
    static Path folder;

    private DevCertificate certificate;

    @Override
    Map<String, Object> settings() {
        Map<String, Object> settings = new HashMap<>(super.settings());
        settings.putAll(certificate().serverSettings());
        return settings;
    }

    @Override
    HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_2)
                .sslContext(certificate().trustingContext())
                .build();
    }

    private DevCertificate certificate() {
        if (certificate == null) {
            try {
                certificate = DevCertificate.create(folder.resolve("localhost.p12"));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return certificate;
    }
}
