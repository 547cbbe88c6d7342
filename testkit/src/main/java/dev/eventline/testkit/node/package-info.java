/**
 * Runs the repository's Node.js packages (examples and checks that prove stock JavaScript clients read
 * the platform) from tests: installed with {@code npm ci} from their lock files, then run with {@code
 * node}.
 */
package dev.eventline.testkit.node;
