package org.rostersync.pipeline;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.rostersync.support.CapturedLog;
import org.rostersync.support.Fixture;
import org.rostersync.support.RunningApp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@ExtendWith(RunningApp.class)
class RunLogTest {

    @Test
    void everyLineOfARunNamesItsTenantAndSourceAndProgressLinesSayHowFarEachFileIs(RunningApp.App app) throws IOException {
        Fixture f = Fixture.create(app, "Log district");
        f.deliver(Fixture.SAMPLE);
        List<ILoggingEvent> events;
        String runId;
        try (CapturedLog log = CapturedLog.everything()) {
            Map<String, Object> run = f.run();
            assertEquals("succeeded", run.get("status"), run.toString());
            runId = (String) run.get("id");
            events = log.events().stream().filter(e -> runId.equals(e.getMDCPropertyMap().get("run"))).toList();
        }
        assertTrue(events.size() >= 15, "the run's lines: " + events.size());
        for (ILoggingEvent e : events) {
            assertEquals("Log district", e.getMDCPropertyMap().get("tenant"), e.getFormattedMessage());
            assertEquals("Log district SIS", e.getMDCPropertyMap().get("source"), e.getFormattedMessage());
            assertEquals(f.tenantId().toString(), e.getMDCPropertyMap().get("tenantId"));
            assertEquals(f.sourceId().toString(), e.getMDCPropertyMap().get("sourceId"));
        }
        assertTrue(events.stream().anyMatch(e -> e.getFormattedMessage().contains("Run " + runId + " of source")), "the run's end");

        long users = Files.readAllLines(Fixture.SAMPLE.resolve("users.csv")).size() - 1;
        List<String> lines = events.stream().map(ILoggingEvent::getFormattedMessage).filter(m -> m.contains("users.csv")).toList();
        assertTrue(lines.contains("Run " + runId + ": users.csv 0 of " + users + " rows read (0%)"), lines.toString());
        assertTrue(lines.contains("Run " + runId + ": users.csv read to its end, " + users + " rows (100%)"), lines.toString());

        // the text pattern of logback.xml shows the names; lines outside a run show no brackets
        String text = new String(textEncoder().encode(events.get(0)), StandardCharsets.UTF_8);
        assertTrue(text.contains(" [Log district / Log district SIS] - "), text);
        try (CapturedLog other = CapturedLog.of(RunLogTest.class)) {
            LoggerFactory.getLogger(RunLogTest.class).info("outside a run");
            String plain = new String(textEncoder().encode(other.events().get(0)), StandardCharsets.UTF_8);
            assertTrue(plain.contains("RunLogTest - outside a run"), plain);
            assertFalse(plain.contains("["), plain);
        }
    }

    @Test
    void theJsonFormatWritesOneObjectPerLineWithTheRunsNames(RunningApp.App app) throws IOException {
        Fixture f = Fixture.create(app, "Json district");
        f.deliver(Fixture.SAMPLE);
        List<ILoggingEvent> events;
        try (CapturedLog log = CapturedLog.everything()) {
            String runId = (String) f.run().get("id");
            events = log.events().stream().filter(e -> runId.equals(e.getMDCPropertyMap().get("run"))).toList();
        }
        LoggerContext json = configured("json");
        OutputStreamAppender<ILoggingEvent> appender = (OutputStreamAppender<ILoggingEvent>) json.getLogger(Logger.ROOT_LOGGER_NAME)
                .getAppender("out");
        assertTrue(appender.getEncoder() instanceof ch.qos.logback.classic.encoder.JsonEncoder, "ROSTERSYNC_LOG_FORMAT=json picks JSON");
        StringBuilder out = new StringBuilder();
        for (ILoggingEvent e : events) {
            out.append(new String(appender.getEncoder().encode(e), StandardCharsets.UTF_8));
        }
        String[] lines = out.toString().split("\n");
        assertEquals(events.size(), lines.length, "one line per event");
        ObjectMapper mapper = new ObjectMapper();
        for (String line : lines) {
            JsonNode node = mapper.readTree(line);
            assertEquals("Json district", node.path("mdc").path("tenant").asText(), line);
            assertEquals("Json district SIS", node.path("mdc").path("source").asText(), line);
            assertFalse(node.path("formattedMessage").asText().isEmpty(), line);
            assertFalse(node.path("level").asText().isEmpty(), line);
        }
        json.stop();
    }

    @Test
    void aLogFormatThatIsNotOneStopsTheStartNamingIt() {
        RuntimeException refused = assertThrows(RuntimeException.class,
                () -> RunningApp.startWith(Map.of("rostersync.log.format", "xml")).close());
        StringBuilder all = new StringBuilder();
        for (Throwable c = refused; c != null; c = c.getCause()) {
            all.append(c.getMessage()).append('\n');
        }
        assertTrue(all.toString().contains("ROSTERSYNC_LOG_FORMAT must be text or json, not 'xml'"), all.toString());
    }

    @Test
    void aFileOfAMegabyteOrLessHasItsRowsCountedALargerOneEstimated(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path small = Files.writeString(dir.resolve("small.csv"), "a,b\n1,2\n3,4");
        assertEquals(new RowCount(2, true), RowCount.of(small));
        StringBuilder big = new StringBuilder("sourcedId,name\n");
        for (int i = 0; i < 200_000; i++) {
            big.append("id-").append(i).append(",name ").append(i % 7 == 0 ? "longer name" : "n").append('\n');
        }
        RowCount estimate = RowCount.of(Files.writeString(dir.resolve("big.csv"), big));
        assertFalse(estimate.exact());
        assertTrue(Math.abs(estimate.rows() - 200_000) < 10_000, estimate.toString());
        assertEquals(50, new RowCount(200, true).percent(100, false));
        assertEquals(99, new RowCount(200, false).percent(250, false), "an estimate never says 100% before the end");
        assertEquals(100, new RowCount(200, false).percent(250, true));
    }

    /** The encoder of logback.xml's text appender, as the service's log uses it. */
    private static ch.qos.logback.core.encoder.Encoder<ILoggingEvent> textEncoder() {
        LoggerContext context = configured("text");
        return ((OutputStreamAppender<ILoggingEvent>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("out")).getEncoder();
    }

    /** logback.xml read again into a context of its own, with ROSTERSYNC_LOG_FORMAT set as given. */
    private static LoggerContext configured(String format) {
        LoggerContext context = new LoggerContext();
        context.putProperty("ROSTERSYNC_LOG_FORMAT", format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(Path.of("src", "main", "resources", "logback.xml").toFile());
        } catch (ch.qos.logback.core.joran.spi.JoranException e) {
            throw new IllegalStateException(e);
        }
        return context;
    }
}
