/** TLS for development and tests: self-signed certificates the local stack and the tests serve h2 with. */
package dev.eventline.infra.tls;
