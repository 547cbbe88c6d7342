/**
 * Who is emitting: the producer identity taken from a verified JWT (subject, tenant, roles), and the
 * tenant rule: a producer emits into its own tenant; a platform service may name the tenant.
 */
package dev.eventline.emitter.auth;
