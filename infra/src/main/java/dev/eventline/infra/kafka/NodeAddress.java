package dev.eventline.infra.kafka;

import java.util.Map;
import java.util.Optional;

/**
 * Where one KRaft node listens: its client port, its controller port and, for fault tests, a second
 * client listener whose advertised port is a proxy's.
 *
 * <p>Why a listener of its own for the proxy: a Kafka client connects to the bootstrap address once
 * and then to the addresses the brokers advertise, on the listener it came in through. A proxy on the
 * bootstrap address alone would see one connection; a listener advertised at the proxy's port keeps
 * every connection of that client on the proxy, while other clients and the brokers themselves use
 * {@code PLAINTEXT}.
 *
 * @param id the node id, also its place in the quorum
 * @param port the {@code PLAINTEXT} listener (clients and replication)
 * @param controllerPort the {@code CONTROLLER} listener (the quorum)
 * @param proxied the {@code PROXIED} listener, when the node has one
 */
record NodeAddress(int id, int port, int controllerPort, Optional<ProxiedListener> proxied) {

    /**
     * A listener on {@code port} that advertises {@code advertisedPort}, where a proxy forwards to it.
     */
    record ProxiedListener(int port, int advertisedPort) {}

    /** Free ports for node {@code id}: {@code preferredPort} when it is positive, else any. */
    static NodeAddress allocate(int id, int preferredPort, boolean withProxiedListener) {
        return new NodeAddress(
                id,
                preferredPort > 0 ? preferredPort : FreePorts.next(),
                FreePorts.next(),
                withProxiedListener
                        ? Optional.of(new ProxiedListener(FreePorts.next(), FreePorts.next()))
                        : Optional.empty());
    }

    /** This node's entry in {@code controller.quorum.voters}. */
    String voter() {
        return id + "@" + KafkaBroker.HOST + ":" + controllerPort;
    }

    /** The broker properties naming its listeners. */
    Map<String, String> listenerProperties() {
        String host = KafkaBroker.HOST;
        String listeners = "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort;
        String advertised = "PLAINTEXT://" + host + ":" + port;
        String protocols = "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT";
        if (proxied.isPresent()) {
            listeners += ",PROXIED://" + host + ":" + proxied.get().port();
            advertised += ",PROXIED://" + host + ":" + proxied.get().advertisedPort();
            protocols += ",PROXIED:PLAINTEXT";
        }
        return Map.of(
                "listeners", listeners,
                "advertised.listeners", advertised,
                "listener.security.protocol.map", protocols);
    }
}
