package dev.eventline.infra.jvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChildJvmTest {

    @TempDir
    Path dir;

    @Test
    void asksForHugePagesWhenTheKernelOffersThemOnRequest() throws IOException {
        assertEquals(List.of(ChildJvm.HUGE_PAGE_FLAG), ChildJvm.hugePageFlags(mode("always [madvise] never\n")));
    }

    @Test
    void asksForHugePagesWhenTheKernelGivesThemToEveryone() throws IOException {
        assertEquals(List.of(ChildJvm.HUGE_PAGE_FLAG), ChildJvm.hugePageFlags(mode("[always] madvise never\n")));
    }

    @Test
    void leavesHugePagesOutWhenTheKernelHasThemOff() throws IOException {
        assertEquals(List.of(), ChildJvm.hugePageFlags(mode("always madvise [never]\n")));
    }

    @Test
    void leavesHugePagesOutWhereTheKernelHasNoSuchSetting() {
        assertEquals(List.of(), ChildJvm.hugePageFlags(dir.resolve("missing")));
    }

    @Test
    void startsThisJdksJavaWithTheHeapLimitAndLetsCallersAddTheRest() {
        List<String> command = ChildJvm.command(256);
        command.add("-version");

        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
        assertEquals("-Xmx256m", command.get(1));
        assertEquals("-version", command.get(command.size() - 1));
    }

    private Path mode(String setting) throws IOException {
        return Files.writeString(dir.resolve("enabled"), setting);
    }
}
