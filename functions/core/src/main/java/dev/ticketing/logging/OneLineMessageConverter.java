package dev.ticketing.logging;

import ch.qos.logback.classic.pattern.MessageConverter;
import ch.qos.logback.classic.spi.ILoggingEvent;

/**
 * {@code %oneLineMsg}: the log message with its control characters escaped ({@link LogText}), so
 * one event is one line whatever its arguments hold (logback.xml).
 */
public final class OneLineMessageConverter extends MessageConverter {
  @Override
  public String convert(ILoggingEvent event) {
    return LogText.oneLine(event.getFormattedMessage());
  }
}
