/** The stream service's own settings ({@code eventline.stream.*}) and bean factories. */
package dev.eventline.stream.config;
