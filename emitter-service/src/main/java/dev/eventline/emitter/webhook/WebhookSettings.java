package dev.eventline.emitter.webhook;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * Where the webhook sources and their mappings are declared, under {@code eventline.emitter.webhooks}:
 * a JSON file ({@code file}, the usual way: mounted from a config map, secrets named by environment
 * variable inside it) or the same JSON inline ({@code json}, for tests and small setups). Neither set:
 * no sources, and every webhook is answered 404.
 *
 * <p>Mutable bean populated once by Micronaut at start-up; read-only afterwards.
 */
@ConfigurationProperties("eventline.emitter.webhooks")
public class WebhookSettings {

    private String file;
    private String json;

    public String getFile() {
        return file;
    }

    public void setFile(String file) {
        this.file = file;
    }

    public String getJson() {
        return json;
    }

    public void setJson(String json) {
        this.json = json;
    }
}
