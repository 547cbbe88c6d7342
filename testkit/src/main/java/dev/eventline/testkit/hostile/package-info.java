/** Hostile input shared by the services' hardening tests: forged tokens, malformed bodies, raw HTTP. */
package dev.eventline.testkit.hostile;
