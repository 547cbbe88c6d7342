package dev.eventline.edge;

import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * An external schema registry, under {@code eventline.schema-registry} (ADR 0015): when {@code url}
 * is set, values in Confluent's framing carry that registry's ids, which the emitter registers (with
 * {@code register}) and readers look up; otherwise ids are derived from fingerprints and served by the
 * emitter's own {@code /registry}. Mutable bean populated once by Micronaut at start-up.
 */
@ConfigurationProperties("eventline.schema-registry")
public class SchemaRegistrySettings {

    private String url;
    private boolean register;
    private String userInfo;

    /** The registry's base URL (Apicurio: {@code .../apis/ccompat/v7}); null or blank: none. */
    public String getUrl() {
        return url;
    }

    public void setUrl(String url) {
        this.url = url;
    }

    /** Whether this service registers the catalog's schemas (the emitter) or only looks them up. */
    public boolean isRegister() {
        return register;
    }

    public void setRegister(boolean register) {
        this.register = register;
    }

    /** {@code key:secret} for HTTP Basic (Confluent Cloud's API keys), or null. */
    public String getUserInfo() {
        return userInfo;
    }

    public void setUserInfo(String userInfo) {
        this.userInfo = userInfo;
    }

    /** Whether an external registry is configured. */
    public boolean external() {
        return url != null && !url.isBlank();
    }
}
