package dev.ticketing.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.function.Supplier;

/**
 * A Redis connection that can be closed for a snapshot and reopened after restore while the
 * references already injected into beans keep working: they hold a proxy that forwards every call
 * to the current Lettuce connection, opened again on first use if the restore hook could not.
 */
final class ReopenableConnection implements InvocationHandler {
  private final Supplier<StatefulRedisConnection<String, String>> opener;
  private final StatefulRedisConnection<String, String> proxy;
  private volatile StatefulRedisConnection<String, String> current;
  private volatile boolean closedForGood;

  @SuppressWarnings("unchecked")
  ReopenableConnection(Supplier<StatefulRedisConnection<String, String>> opener) {
    this.opener = opener;
    this.current = opener.get();
    this.proxy =
        (StatefulRedisConnection<String, String>)
            Proxy.newProxyInstance(
                StatefulRedisConnection.class.getClassLoader(),
                new Class<?>[] {StatefulRedisConnection.class},
                this);
  }

  StatefulRedisConnection<String, String> proxy() {
    return proxy;
  }

  synchronized boolean isOpen() {
    return current != null && current.isOpen();
  }

  /** Closes the socket; the next call (or {@link #reopen()}) opens a new one. */
  synchronized void suspend() {
    if (current != null) {
      current.close();
      current = null;
    }
  }

  synchronized void reopen() {
    target();
  }

  /** Every call of every thread goes through here: an open connection is taken without a lock. */
  private StatefulRedisConnection<String, String> target() {
    StatefulRedisConnection<String, String> open = current;
    if (open != null && !closedForGood) {
      return open;
    }
    return opened();
  }

  private synchronized StatefulRedisConnection<String, String> opened() {
    if (closedForGood) {
      throw new IllegalStateException("Redis connection closed");
    }
    if (current == null) {
      current = opener.get();
    }
    return current;
  }

  private synchronized void closeForGood() {
    closedForGood = true;
    suspend();
  }

  @Override
  public Object invoke(Object self, Method method, Object[] args) throws Throwable {
    switch (method.getName()) {
      case "equals":
        return args.length == 1 && self == args[0];
      case "hashCode":
        return System.identityHashCode(self);
      case "toString":
        return "ReopenableConnection[" + current + "]";
      case "close":
        if (method.getParameterCount() == 0) {
          closeForGood();
          return null;
        }
        break;
      case "isOpen":
        if (method.getParameterCount() == 0) {
          return isOpen();
        }
        break;
      default:
        break;
    }
    try {
      return method.invoke(target(), args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
