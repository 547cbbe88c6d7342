/** A Server-Sent Events client for the integration tests of every module that reads streams. */
package dev.eventline.infra.sse;
