package dev.eventline.emitter.http;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer to a batch: one entry per event of the request, in request order.
 *
 * @param results receipts and per-event problems
 */
@Serdeable
public record BatchBody(List<ReceiptBody> results) {}
