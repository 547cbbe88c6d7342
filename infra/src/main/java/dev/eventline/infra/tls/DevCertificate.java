package dev.eventline.infra.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code localhost} and {@code 127.0.0.1} in a PKCS#12 key store, made
 * by the JDK's own {@code keytool} (no extra library, nothing downloaded): what the local stack and the
 * tests serve TLS and HTTP/2 (ALPN) with. Clients trust it through {@link #trustingContext()}; a
 * browser is told to accept it. Never for production: there, a real certificate is configured.
 *
 * <p>Immutable once made; {@link #create} blocks for keytool (about a second).
 */
public record DevCertificate(Path keyStore, String password) {

    /** A new key store at {@code keyStore} (replaced if present). */
    public static DevCertificate create(Path keyStore) throws IOException {
        // The password protects a throwaway development key; keytool requires one of at least 6 chars.
        String password = "eventline-dev";
        Files.deleteIfExists(keyStore);
        Files.createDirectories(keyStore.toAbsolutePath().getParent());
        Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
        Process process = new ProcessBuilder(List.of(
                        keytool.toString(),
                        "-genkeypair",
                        "-alias",
                        "eventline",
                        "-keyalg",
                        "EC",
                        "-groupname",
                        "secp256r1",
                        "-dname",
                        "CN=localhost",
                        "-ext",
                        "SAN=dns:localhost,ip:127.0.0.1",
                        "-validity",
                        "30",
                        "-storetype",
                        "PKCS12",
                        "-keystore",
                        keyStore.toString(),
                        "-storepass",
                        password))
                .redirectErrorStream(true)
                .start();
        try {
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("keytool could not make a certificate: " + output);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } finally {
            process.destroy();
        }
        return new DevCertificate(keyStore, password);
    }

    /** The settings that make a service serve TLS (and h2 through ALPN) with this certificate. */
    public Map<String, Object> serverSettings() {
        return Map.of(
                "micronaut.server.ssl.enabled",
                true,
                "micronaut.server.ssl.key-store.path",
                "file:" + keyStore.toAbsolutePath(),
                "micronaut.server.ssl.key-store.password",
                password,
                "micronaut.server.ssl.key-store.type",
                "PKCS12");
    }

    /** The environment that makes a service's runnable jar serve TLS with this certificate. */
    public Map<String, String> environment() {
        return Map.of(
                "EVENTLINE_TLS_ENABLED",
                "true",
                "EVENTLINE_TLS_KEY_STORE",
                keyStore.toAbsolutePath().toString(),
                "EVENTLINE_TLS_KEY_STORE_PASSWORD",
                password,
                "EVENTLINE_TLS_KEY_STORE_TYPE",
                "PKCS12");
    }

    /** A client TLS context that trusts this certificate (and nothing else). */
    public SSLContext trustingContext() {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password.toCharArray());
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return context;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read " + keyStore, e);
        }
    }
}
