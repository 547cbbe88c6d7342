/**
 * Schema evolution: the released versions of every event schema (kept in the jar under {@code
 * released/}), the compatibility gate the build runs, and the tool that records new versions.
 *
 * <p>The rule: every schema must be <em>fully transitively</em> compatible with all its released
 * versions: the new schema reads every old record (backward) and every old schema reads new records
 * (forward), so producers, the stream service and data teams can upgrade in any order.
 */
package dev.eventline.schemas.evolution;
