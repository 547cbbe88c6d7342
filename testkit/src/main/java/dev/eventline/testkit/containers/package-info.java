/** Containers for tests where a Docker engine exists: detection first, so nothing hangs without one. */
package dev.eventline.testkit.containers;
