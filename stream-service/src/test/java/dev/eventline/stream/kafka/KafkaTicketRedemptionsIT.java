package dev.eventline.stream.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.eventline.stream.auth.TicketRedemptions.Redemption;
import dev.eventline.stream.auth.TicketSettings;
import dev.eventline.testkit.kafka.KafkaBrokerExtension;
import dev.eventline.testkit.kafka.TestKafka;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two stream instances' ticket records on one real broker: a ticket opens one stream in the whole
 * cluster, whichever instance sees it first, also when both see it at the same moment.
 */
@ExtendWith(KafkaBrokerExtension.class)
class KafkaTicketRedemptionsIT {

    private KafkaTicketRedemptions first;
    private KafkaTicketRedemptions second;

    @BeforeEach
    void twoInstances(TestKafka kafka) {
        TicketSettings settings = new TicketSettings();
        // Each test its own topic, deleted after it.
        settings.setTopic("eventline.stream-tickets-" + UUID.randomUUID());
        kafka.createNamedTopic(settings.getTopic(), 1);
        Properties config = new Properties();
        config.put("bootstrap.servers", kafka.bootstrapServers());
        first = new KafkaTicketRedemptions(config, settings);
        second = new KafkaTicketRedemptions(config, settings);
    }

    @AfterEach
    void stop() {
        first.close();
        second.close();
    }

    @Test
    void aTicketUsedAtOneInstanceIsRefusedAtTheOtherAndAtItself() {
        String ticket = UUID.randomUUID().toString();
        Instant expiry = Instant.now().plusSeconds(90);

        assertEquals(Redemption.FIRST_USE, first.redeem(ticket, expiry));
        assertEquals(Redemption.USED_BEFORE, second.redeem(ticket, expiry));
        assertEquals(Redemption.USED_BEFORE, first.redeem(ticket, expiry));
        assertEquals(Redemption.FIRST_USE, second.redeem(UUID.randomUUID().toString(), expiry));
    }

    @Test
    void aTicketRedeemedAtBothInstancesAtOnceOpensExactlyOneStream() throws Exception {
        ExecutorService both = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 50; round++) {
                String ticket = UUID.randomUUID().toString();
                Instant expiry = Instant.now().plusSeconds(90);
                List<Future<Redemption>> answers = new ArrayList<>();
                answers.add(both.submit(() -> first.redeem(ticket, expiry)));
                answers.add(both.submit(() -> second.redeem(ticket, expiry)));
                List<Redemption> got = new ArrayList<>();
                for (Future<Redemption> answer : answers) {
                    got.add(answer.get());
                }
                assertEquals(
                        1, got.stream().filter(r -> r == Redemption.FIRST_USE).count(), "round " + round + ": " + got);
                assertEquals(
                        1,
                        got.stream().filter(r -> r == Redemption.USED_BEFORE).count(),
                        "round " + round + ": " + got);
            }
        } finally {
            both.shutdownNow();
        }
    }
}
