/**
 * The rules for the envelope's values that every service checks the same way: tenant ids, record and
 * event ids, audiences and instants. The emitter refuses events that break them (400), both services
 * refuse tokens whose tenant claim breaks them (401), and the stream refuses such query values (400).
 */
package dev.eventline.schemas.envelope;
