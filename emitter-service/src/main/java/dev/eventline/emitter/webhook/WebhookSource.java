package dev.eventline.emitter.webhook;

import java.util.List;
import java.util.Map;

/**
 * One webhook sender and how its changes become events.
 *
 * @param name the source's name, the {@code {source}} of {@code POST /v1/webhooks/{source}}
 * @param secret the HMAC-SHA256 key its requests are signed with
 * @param tenant the tenant of every event, when the source belongs to one tenant (else null)
 * @param tenantColumn the column naming each row's tenant, when {@code tenant} is null
 * @param tables by {@code schema.table}: the mapping of that table's changes
 */
public record WebhookSource(String name, byte[] secret, String tenant, String tenantColumn, Map<String, Table> tables) {

    /**
     * How one table's changes become events.
     *
     * @param types the event type of each kind of change: by default, from the mapping's {@code events}
     *     prefix, inserts become {@code <prefix>.created}, updates {@code <prefix>.updated}, deletes
     *     {@code <prefix>.deleted}; its {@code types} object overrides any of them
     * @param recordId the column holding the record id
     * @param fields payload field to column ({@code {"classId": "class_id"}}); payload fields not named
     *     here are taken from the column of the same name
     * @param audience audience entries with {@code {column}} placeholders ({@code group:class:{class_id}})
     * @param version a column that changes with every write ({@code updated_at}), or null: it tells
     *     two equal-looking changes apart when the sender gives no delivery id
     */
    public record Table(
            Map<DatabaseChange.Kind, String> types,
            String recordId,
            Map<String, String> fields,
            List<String> audience,
            String version) {}
}
