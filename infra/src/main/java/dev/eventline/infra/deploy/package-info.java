/** Deployment files generated from the topic catalog (Strimzi {@code KafkaTopic} resources). */
package dev.eventline.infra.deploy;
