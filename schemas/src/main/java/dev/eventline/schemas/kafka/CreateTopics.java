package dev.eventline.schemas.kafka;

import dev.eventline.schemas.catalog.TopicCatalog;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.TopicConfig;

/**
 * Command line: creates the catalog's topics on a real cluster before the services are deployed
 * (the Kubernetes manifests run it as a Job from the emitter's image). Idempotent: existing topics
 * are reported and left alone.
 *
 * <pre>
 * java -cp 'emitter-service.jar:lib/*' dev.eventline.schemas.kafka.CreateTopics \
 *     [--bootstrap-server host:9092] [--replication-factor 3] [--min-insync-replicas 2] \
 *     [--command-config client.properties]
 * </pre>
 *
 * The bootstrap servers default to {@code KAFKA_BOOTSTRAP_SERVERS}. Security settings come from the
 * environment the way the services take them ({@code KAFKA_SECURITY_PROTOCOL} is
 * {@code security.protocol}, and so on for every {@code KAFKA_*} variable) or from a properties file
 * ({@code --command-config}, as for Kafka's own tools), which wins.
 */
public final class CreateTopics {

    /** Three replicas and two in sync: an acknowledged event survives the loss of one broker. */
    static final short DEFAULT_REPLICATION_FACTOR = 3;

    static final int DEFAULT_MIN_INSYNC_REPLICAS = 2;

    private static final String USAGE = "usage: CreateTopics [--bootstrap-server hosts] [--replication-factor n]"
            + " [--min-insync-replicas n] [--command-config file]";

    private static final String ENV_PREFIX = "KAFKA_";

    private static final String BOOTSTRAP_ENV = "KAFKA_BOOTSTRAP_SERVERS";

    private CreateTopics() {}

    /** Entry point; exits non-zero on a usage error or when the cluster refuses. */
    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs the command with {@code env} as its environment; answers its exit status. */
    public static int run(String[] args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (List.of(args).contains("--help")) {
            out.println(USAGE);
            return 0;
        }
        Map<String, Object> admin = adminSettings(env);
        Options options;
        try {
            options = Options.parse(args, env.get(BOOTSTRAP_ENV), admin);
        } catch (IllegalArgumentException | IOException e) {
            err.println("create-topics: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
        admin.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, options.bootstrap());
        TopicCatalog catalog = TopicCatalog.load();
        try {
            List<String> created = CatalogTopics.ensure(
                    admin,
                    catalog,
                    options.replicas(),
                    Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, String.valueOf(options.minInSync())));
            catalog.topics()
                    .forEach(topic ->
                            out.println((created.contains(topic.name()) ? "created " : "exists  ") + topic.name() + " ("
                                    + topic.partitions() + " partitions, retention " + topic.retention() + ")"));
            return 0;
        } catch (IllegalStateException e) {
            err.println("create-topics: " + e.getMessage() + ": " + e.getCause());
            return 1;
        }
    }

    /** {@code KAFKA_*} variables but the bootstrap servers, as admin client settings ({@code KAFKA_SASL_MECHANISM}: sasl.mechanism). */
    private static Map<String, Object> adminSettings(Map<String, String> env) {
        Map<String, Object> admin = new HashMap<>();
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.equals(BOOTSTRAP_ENV)) {
                admin.put(
                        name.substring(ENV_PREFIX.length())
                                .toLowerCase(Locale.ROOT)
                                .replace('_', '.'),
                        value);
            }
        });
        return admin;
    }

    /** The command line, checked. */
    private record Options(String bootstrap, short replicas, int minInSync) {

        /** Reads {@code args}; {@code --command-config} files go into {@code admin}. */
        static Options parse(String[] args, String bootstrapFromEnv, Map<String, Object> admin) throws IOException {
            String bootstrap = bootstrapFromEnv;
            short replicas = DEFAULT_REPLICATION_FACTOR;
            int minInSync = DEFAULT_MIN_INSYNC_REPLICAS;
            for (int i = 0; i < args.length; i += 2) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(args[i] + " needs a value");
                }
                String value = args[i + 1];
                switch (args[i]) {
                    case "--bootstrap-server" -> bootstrap = value;
                    case "--replication-factor" -> replicas = Short.parseShort(value);
                    case "--min-insync-replicas" -> minInSync = Integer.parseInt(value);
                    case "--command-config" -> readInto(Path.of(value), admin);
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalArgumentException("no cluster: set KAFKA_BOOTSTRAP_SERVERS or --bootstrap-server");
            }
            if (minInSync > replicas) {
                throw new IllegalArgumentException("--min-insync-replicas cannot exceed --replication-factor");
            }
            return new Options(bootstrap, replicas, minInSync);
        }
    }

    private static void readInto(Path file, Map<String, Object> admin) throws IOException {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        properties.forEach((key, value) -> admin.put(key.toString(), value));
    }
}
