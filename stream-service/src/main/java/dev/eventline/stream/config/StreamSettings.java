package dev.eventline.stream.config;

import io.micronaut.context.annotation.ConfigurationProperties;
import java.time.Duration;

/**
 * The stream service's own settings, under {@code eventline.stream}; defaults are the constants.
 * Populated once at start-up, read-only afterwards.
 */
@ConfigurationProperties("eventline.stream")
public class StreamSettings {

    /**
     * Comment lines keep proxies from closing idle streams and let clients detect dead ones. Checked
     * once per interval per stream; sent only to streams quiet for half of it, so no stream is silent
     * for more than one and a half intervals and streams carrying events write none.
     */
    public static final Duration DEFAULT_HEARTBEAT = Duration.ofSeconds(15);

    /** Recent events kept in memory per partition: resumes within them read no Kafka. */
    public static final int DEFAULT_WINDOW_EVENTS = 10_000;

    /** Kafka consumers shared by all subscribers reading older positions. */
    public static final int DEFAULT_CATCH_UP_READERS = 4;

    /** Events one read hands a subscriber at a time; bounds the work between fairness points. */
    public static final int DEFAULT_READ_BATCH = 500;

    /** Base of the {@code retry:} the stream sends; each client gets base plus a random jitter. */
    public static final Duration DEFAULT_RETRY_BASE = Duration.ofSeconds(1);

    /** Upper bound of the random part of {@code retry:}, spreading reconnect storms. */
    public static final Duration DEFAULT_RETRY_JITTER = Duration.ofSeconds(4);

    /** Streams one user may hold open on one instance (tabs, devices); beyond it 429. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_USER = 20;

    /** Streams one tenant may hold open on one instance; beyond it 429. */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_TENANT = 5_000;

    /** Streams one instance holds; sized under the process's file limit (20 000 here). */
    public static final int DEFAULT_MAX_CONNECTIONS_PER_INSTANCE = 18_000;

    /** A subscriber whose connection takes nothing for this long while events wait is dropped. */
    public static final Duration DEFAULT_STALL_TIMEOUT = Duration.ofSeconds(30);

    /**
     * HTTP/1.1 streams are written straight to the Netty channel, encoded once per frame and flushed
     * once per drain; off, they go through the framework's reactive SSE writer (several times the CPU
     * per delivery; kept for comparison and as a fallback).
     */
    public static final boolean DEFAULT_DIRECT_WRITE = true;

    /**
     * The token claim listing the subscriber's groups (tenant-relative names, matched against events'
     * {@code group:<name>} audience entries); identity providers call it {@code groups} most often.
     */
    public static final String DEFAULT_GROUPS_CLAIM = "groups";

    private Duration heartbeat = DEFAULT_HEARTBEAT;
    private String groupsClaim = DEFAULT_GROUPS_CLAIM;
    private int maxConnectionsPerUser = DEFAULT_MAX_CONNECTIONS_PER_USER;
    private int maxConnectionsPerTenant = DEFAULT_MAX_CONNECTIONS_PER_TENANT;
    private int maxConnectionsPerInstance = DEFAULT_MAX_CONNECTIONS_PER_INSTANCE;
    private int windowEvents = DEFAULT_WINDOW_EVENTS;
    private int catchUpReaders = DEFAULT_CATCH_UP_READERS;
    private int readBatch = DEFAULT_READ_BATCH;
    private Duration retryBase = DEFAULT_RETRY_BASE;
    private Duration retryJitter = DEFAULT_RETRY_JITTER;
    private Duration stallTimeout = DEFAULT_STALL_TIMEOUT;
    private boolean directWrite = DEFAULT_DIRECT_WRITE;

    public String getGroupsClaim() {
        return groupsClaim;
    }

    public void setGroupsClaim(String groupsClaim) {
        this.groupsClaim = groupsClaim;
    }

    public Duration getHeartbeat() {
        return heartbeat;
    }

    public void setHeartbeat(Duration heartbeat) {
        this.heartbeat = heartbeat;
    }

    public int getWindowEvents() {
        return windowEvents;
    }

    public void setWindowEvents(int windowEvents) {
        this.windowEvents = windowEvents;
    }

    public int getCatchUpReaders() {
        return catchUpReaders;
    }

    public void setCatchUpReaders(int catchUpReaders) {
        this.catchUpReaders = catchUpReaders;
    }

    public int getReadBatch() {
        return readBatch;
    }

    public void setReadBatch(int readBatch) {
        this.readBatch = readBatch;
    }

    public Duration getRetryBase() {
        return retryBase;
    }

    public void setRetryBase(Duration retryBase) {
        this.retryBase = retryBase;
    }

    public Duration getRetryJitter() {
        return retryJitter;
    }

    public void setRetryJitter(Duration retryJitter) {
        this.retryJitter = retryJitter;
    }

    public Duration getStallTimeout() {
        return stallTimeout;
    }

    public void setStallTimeout(Duration stallTimeout) {
        this.stallTimeout = stallTimeout;
    }

    public int getMaxConnectionsPerUser() {
        return maxConnectionsPerUser;
    }

    public void setMaxConnectionsPerUser(int maxConnectionsPerUser) {
        this.maxConnectionsPerUser = maxConnectionsPerUser;
    }

    public int getMaxConnectionsPerTenant() {
        return maxConnectionsPerTenant;
    }

    public void setMaxConnectionsPerTenant(int maxConnectionsPerTenant) {
        this.maxConnectionsPerTenant = maxConnectionsPerTenant;
    }

    public int getMaxConnectionsPerInstance() {
        return maxConnectionsPerInstance;
    }

    public void setMaxConnectionsPerInstance(int maxConnectionsPerInstance) {
        this.maxConnectionsPerInstance = maxConnectionsPerInstance;
    }

    public boolean isDirectWrite() {
        return directWrite;
    }

    public void setDirectWrite(boolean directWrite) {
        this.directWrite = directWrite;
    }
}
