/** A real OpenID Connect identity provider in the test JVM: a JWKS endpoint and RS256 tokens. */
package dev.eventline.testkit.token;
