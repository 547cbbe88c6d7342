/**
 * Development tokens: HS256 JWTs signed with the shared development secret, for the local stack,
 * demos and tests. Production verifies tokens from an identity provider (JWKS/RSA) instead.
 */
package dev.eventline.infra.token;
