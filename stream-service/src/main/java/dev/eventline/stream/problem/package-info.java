/**
 * Every error of the stream API as {@code application/problem+json} (RFC 9457), returned before a
 * stream opens (once it is open, errors travel as SSE events): {@link
 * dev.eventline.stream.problem.ProblemException} for the API's own errors (bad cursor, unknown topic,
 * forbidden topic), {@link dev.eventline.stream.problem.AuthProblemHandler} for 401/403 and {@link
 * dev.eventline.stream.problem.FrameworkProblems} for what the framework answers itself.
 */
package dev.eventline.stream.problem;
