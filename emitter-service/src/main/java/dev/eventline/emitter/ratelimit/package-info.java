/**
 * Emit rate limits per producer (the token's subject) and per tenant: token buckets of events per
 * second with a burst, held by each emitter instance ({@link dev.eventline.emitter.ratelimit.RateLimiter}).
 * The use case asks before it writes; over a limit its outcome says which limit and when to retry.
 */
package dev.eventline.emitter.ratelimit;
