/**
 * Network faults for tests: {@link dev.eventline.testkit.net.FaultyTcpProxy} sits between a client and
 * a server and adds latency, cuts connections or refuses them on request.
 */
package dev.eventline.testkit.net;
