package dev.ticketing.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ticketing.routes.Function;
import dev.ticketing.routes.Routes;
import dev.ticketing.testing.TestStores;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.inject.BeanDefinition;
import io.micronaut.inject.qualifiers.Qualifiers;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The route catalog and the code agree: every (method, path) a function's controllers serve is a
 * route of that function in the catalog, and every route of the catalog (but the ANY ones) is
 * served; every handler the catalog names exists and is a Lambda handler.
 */
class RouteCatalogTest {

  @ParameterizedTest
  @EnumSource(Function.class)
  void everyControllerRouteIsInTheCatalogAndEveryCatalogRouteIsServed(Function function) {
    Set<String> served = new TreeSet<>();
    try (ApplicationContext ctx = TestStores.context(function.module())) {
      for (BeanDefinition<?> controller :
          ctx.getBeanDefinitions(Qualifiers.byStereotype(Controller.class))) {
        served.addAll(routesOf(controller.getBeanType()));
      }
    }
    Set<String> catalog =
        Routes.ALL.stream()
            .filter(route -> route.function() == function && !route.isAny())
            .map(route -> route.method() + " " + route.resource())
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(catalog, served, function.module());
  }

  @ParameterizedTest
  @EnumSource(Function.class)
  void theCatalogNamesARealHandlerForEveryFunction(Function function) throws Exception {
    Class<?> handler = Class.forName(function.handlerClass());
    assertTrue(
        java.util.Arrays.stream(handler.getMethods())
            .anyMatch(m -> m.getName().equals("handleRequest")),
        handler + " has no handleRequest");
  }

  private static Set<String> routesOf(Class<?> controller) {
    String base = controller.getAnnotation(Controller.class).value();
    Map<Class<? extends Annotation>, String> verbs =
        Map.of(Get.class, "GET", Post.class, "POST", Delete.class, "DELETE", Put.class, "PUT");
    Set<String> routes = new TreeSet<>();
    for (Method method : controller.getDeclaredMethods()) {
      for (Map.Entry<Class<? extends Annotation>, String> verb : verbs.entrySet()) {
        Annotation mapping = method.getAnnotation(verb.getKey());
        if (mapping != null) {
          routes.add(verb.getValue() + " " + join(base, uri(mapping)));
        }
      }
    }
    return routes;
  }

  private static String uri(Annotation mapping) {
    try {
      return (String) mapping.annotationType().getMethod("value").invoke(mapping);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String join(String base, String uri) {
    return uri.isEmpty() || uri.equals("/") ? base : base + uri;
  }
}
