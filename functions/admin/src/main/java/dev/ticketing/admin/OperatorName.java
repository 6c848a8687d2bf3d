package dev.ticketing.admin;

import picocli.CommandLine.Option;

/** {@code --by NAME}: who acts, for the audit log (default: this machine's user name). */
final class OperatorName {
  @Option(
      names = "--by",
      paramLabel = "NAME",
      defaultValue = "${sys:user.name}",
      description = "who acts, as the audit log records it (default: ${DEFAULT-VALUE})")
  String name;
}
