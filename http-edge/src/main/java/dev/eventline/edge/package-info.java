/**
 * What both services do to a request before a controller sees it: which token counts ({@link
 * dev.eventline.edge.SingleTokenSource}), which tokens are refused ({@link dev.eventline.edge.TokenRules}),
 * how long a client may take to send a request head and what transfer codings it may use ({@link
 * dev.eventline.edge.RequestGuards}), and the security headers of every response ({@link
 * dev.eventline.edge.SecurityHeaders}), and the optional development key tokens may be signed with
 * ({@link dev.eventline.edge.DevSigningKey}). Settings: {@link dev.eventline.edge.EdgeSettings}.
 */
package dev.eventline.edge;
