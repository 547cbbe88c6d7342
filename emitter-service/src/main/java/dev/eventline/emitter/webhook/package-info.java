/**
 * Database-change webhooks: writes made outside the app (a database trigger, Supabase's database
 * webhooks, a CDC relay) become catalog events. {@link dev.eventline.emitter.webhook.WebhookController}
 * verifies the source's HMAC signature; {@link dev.eventline.emitter.webhook.ChangeMapper} maps the
 * change by the source's declarative mapping ({@link dev.eventline.emitter.webhook.WebhookSources});
 * the emit use case writes the event like any other.
 */
package dev.eventline.emitter.webhook;
