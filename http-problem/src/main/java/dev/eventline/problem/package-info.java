/**
 * problem+json (RFC 9457) for the platform's HTTP services, from one place per exception family:
 * {@link dev.eventline.problem.ProblemException} for a service's own errors, {@link
 * dev.eventline.problem.AuthProblemHandler} for 401/403 with RFC 6750 challenges, and {@link
 * dev.eventline.problem.FrameworkProblems} for what the framework answers itself (404, 405, 413, 415,
 * unexpected exceptions). Internal errors show only a trace id; details go to the log. A service gets
 * all of it by depending on this module.
 */
package dev.eventline.problem;
