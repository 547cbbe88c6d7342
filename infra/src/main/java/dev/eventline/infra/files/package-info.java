/** File-system chores the stack, the benchmarks and the tests share: deleting folder trees. */
package dev.eventline.infra.files;
