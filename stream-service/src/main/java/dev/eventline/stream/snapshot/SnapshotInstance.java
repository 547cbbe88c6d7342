package dev.eventline.stream.snapshot;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Which snapshot instance this process is: a stable id unique in the cluster (part of the Kafka Streams
 * application id) and the state directory it owns (ADR 0012).
 *
 * <ul>
 *   <li>The id is {@code eventline.snapshot.instance-id} when set; otherwise the one kept in {@code
 *       <state-dir>/instance-id}, made on first start as {@code <host>-<8 hex digits>}, so that a
 *       restart with its disk keeps its id and a new machine gets a new one.
 *   <li>The process holds a lock on {@code <state-dir>/instance.lock} while it runs: a second process
 *       pointed at the same directory would take the same id, and two instances under one id split
 *       the partitions between them. It refuses to start instead.
 * </ul>
 *
 * <p>Created once at start-up; immutable afterwards, thread-safe.
 */
@Singleton
@Requires(property = "eventline.snapshot.enabled", notEquals = "false")
public final class SnapshotInstance implements AutoCloseable {

    static final String ID_FILE = "instance-id";
    static final String LOCK_FILE = "instance.lock";
    private static final Pattern VALID_ID = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    private final String id;
    private final Path stateDir;
    private final FileChannel lockChannel;
    private final FileLock lock;

    /** Resolves the id and takes the state directory's lock. */
    public SnapshotInstance(SnapshotSettings settings) {
        this.stateDir = settings.getStateDir();
        try {
            Files.createDirectories(stateDir);
            this.lockChannel =
                    FileChannel.open(stateDir.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            this.lock = tryLock(lockChannel);
            if (lock == null) {
                lockChannel.close();
                throw new ConfigurationException("the snapshot state directory " + stateDir
                        + " is in use by another process: give each instance its own"
                        + " EVENTLINE_SNAPSHOT_STATE_DIR (or EVENTLINE_SNAPSHOT_INSTANCE_ID)");
            }
            this.id = resolveIdOrRelease(settings.getInstanceId());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot use the snapshot state directory " + stateDir, e);
        }
    }

    /** This instance's id. */
    public String id() {
        return id;
    }

    /** Its state directory, locked by this process. */
    public Path stateDir() {
        return stateDir;
    }

    /** Releases the state directory. */
    @PreDestroy
    @Override
    public void close() throws IOException {
        lock.release();
        lockChannel.close();
    }

    private String resolveIdOrRelease(Optional<String> configured) throws IOException {
        try {
            return resolveId(configured, stateDir);
        } catch (IOException | RuntimeException e) {
            lock.release();
            lockChannel.close();
            throw e;
        }
    }

    static String resolveId(Optional<String> configured, Path stateDir) throws IOException {
        if (configured.isPresent()) {
            String id = configured.get();
            if (!VALID_ID.matcher(id).matches()) {
                throw new ConfigurationException(
                        "EVENTLINE_SNAPSHOT_INSTANCE_ID must be 1-100 letters, digits, '.', '_' or '-': " + id);
            }
            return id;
        }
        Path file = stateDir.resolve(ID_FILE);
        if (Files.exists(file)) {
            String kept = Files.readString(file).trim();
            if (VALID_ID.matcher(kept).matches()) {
                return kept;
            }
        }
        String made = hostPart() + "-" + HexFormat.of().formatHex(randomBytes());
        Files.writeString(file, made + "\n");
        return made;
    }

    private static String hostPart() {
        String host = System.getenv("HOSTNAME");
        return host != null && VALID_ID.matcher(host).matches() && host.length() <= 60 ? host : "instance";
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }

    private static FileLock tryLock(FileChannel channel) throws IOException {
        try {
            return channel.tryLock();
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }
}
