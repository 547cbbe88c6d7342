/**
 * Every error of the emit API as {@code application/problem+json} (RFC 9457), from one place per
 * exception family: {@link dev.eventline.emitter.problem.ProblemException} for the API's own errors,
 * {@link dev.eventline.emitter.problem.AuthProblemHandler} for 401/403, and {@link
 * dev.eventline.emitter.problem.FrameworkProblems} for everything the framework answers itself (404,
 * 405, 413, 415, unexpected exceptions). Internal errors show only a trace id; details go to the log.
 */
package dev.eventline.emitter.problem;
