/**
 * Development and test infrastructure: nothing here runs in production.
 *
 * <p>{@code kafka} holds the real single-node KRaft broker, {@code stack} the one-command local
 * platform, {@code token} the development token tool.
 */
package dev.eventline.infra;
