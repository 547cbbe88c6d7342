/** An OTLP/HTTP traces endpoint for tests of the services' span export. */
package dev.eventline.testkit.otlp;
