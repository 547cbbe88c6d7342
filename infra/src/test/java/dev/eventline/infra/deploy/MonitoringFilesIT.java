package dev.eventline.infra.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The monitoring files in {@code deploy/monitoring}, checked by Prometheus' own promtool (Debian's
 * prometheus package): the alert rules parse, their unit tests pass (each alert fires on the series
 * that should raise it and not on a healthy neighbour), and every query of the Grafana dashboard
 * parses as PromQL (run through promtool as recording rules, Grafana's interval variable replaced).
 */
class MonitoringFilesIT {

    private static final Path MONITORING = Path.of("deploy", "monitoring");
    private static final Path PROMTOOL = Path.of("/usr/bin/promtool");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theAlertRulesParseAndTheirUnitTestsPass() throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "needs promtool (Debian package prometheus; .ci/run installs it)");

        Commands.Run check = Commands.run(MONITORING, PROMTOOL.toString(), "check", "rules", "eventline-alerts.yaml");
        assertEquals(0, check.exit(), check.output());
        assertTrue(check.output().contains("SUCCESS: 8 rules found"), check.output());

        Commands.Run tests =
                Commands.run(MONITORING, PROMTOOL.toString(), "test", "rules", "eventline-alerts.test.yaml");
        assertEquals(0, tests.exit(), tests.output());
    }

    @Test
    void aBrokenRuleIsCaught(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "needs promtool (Debian package prometheus; .ci/run installs it)");
        String rules = Files.readString(MONITORING.resolve("eventline-alerts.yaml"));
        Files.writeString(
                dir.resolve("broken.yaml"),
                rules.replace(
                        "eventline_stream_tail_lag_records > 10000", "eventline_stream_tail_lag_records > > 10000"));

        Commands.Run check = Commands.run(dir, PROMTOOL.toString(), "check", "rules", "broken.yaml");

        assertEquals(1, check.exit(), check.output());
        assertTrue(check.output().contains("parse error"), check.output());
    }

    @Test
    void everyDashboardQueryIsValidPromQl(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PROMTOOL), "needs promtool (Debian package prometheus; .ci/run installs it)");
        JsonNode dashboard =
                JSON.readTree(MONITORING.resolve("eventline-dashboard.json").toFile());
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        int queries = 0;
        for (JsonNode panel : dashboard.get("panels")) {
            for (JsonNode target : panel.get("targets")) {
                String expr = target.get("expr").asText().replace("$__rate_interval", "5m");
                rules.append("      - record: dashboard:panel_")
                        .append(panel.get("id").asInt())
                        .append('_')
                        .append(target.get("refId").asText())
                        .append("\n        expr: ")
                        .append(JSON.writeValueAsString(expr))
                        .append('\n');
                queries++;
            }
        }
        Files.writeString(dir.resolve("dashboard-rules.yaml"), rules.toString());

        Commands.Run check = Commands.run(dir, PROMTOOL.toString(), "check", "rules", "dashboard-rules.yaml");

        assertEquals(0, check.exit(), check.output() + "\n" + rules);
        assertTrue(check.output().contains("SUCCESS: " + queries + " rules found"), check.output());
        assertEquals("eventline-overview", dashboard.get("uid").asText());
    }
}
