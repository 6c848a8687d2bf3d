package dev.ticketing.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.read.ListAppender;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.LoggerFactory;

/**
 * The log as the project writes it: every event logged while open, rendered by the console
 * appender's own encoder (logback.xml), so a test sees the very lines an operator (or CloudWatch)
 * would.
 */
public final class LogCapture implements AutoCloseable {
  private final ListAppender<ILoggingEvent> events = new ListAppender<>();
  private final Logger root;
  private final Encoder<ILoggingEvent> encoder;

  @SuppressWarnings("unchecked")
  public LogCapture() {
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    root = context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    encoder = ((OutputStreamAppender<ILoggingEvent>) root.getAppender("STDOUT")).getEncoder();
    events.start();
    root.addAppender(events);
  }

  public List<ILoggingEvent> events() {
    return List.copyOf(events.list);
  }

  /** Every captured event as written, each split into its lines. */
  public List<String> lines() {
    List<String> lines = new ArrayList<>();
    for (ILoggingEvent event : events()) {
      String text = new String(encoder.encode(event), StandardCharsets.UTF_8);
      lines.addAll(List.of(text.split("\r\n|\n|\r", -1)));
    }
    lines.removeIf(String::isEmpty);
    return lines;
  }

  @Override
  public void close() {
    root.detachAppender(events);
    events.stop();
  }
}
