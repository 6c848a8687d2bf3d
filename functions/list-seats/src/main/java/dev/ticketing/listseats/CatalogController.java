package dev.ticketing.listseats;

import dev.ticketing.catalog.Catalog;
import dev.ticketing.catalog.PerformanceDetails;
import dev.ticketing.catalog.PerformanceSummary;
import dev.ticketing.function.FunctionEnvironments;
import dev.ticketing.http.PathIds;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import java.util.List;

/** The public catalog: no token needed. */
@Controller("/api/performances")
@Requires(env = FunctionEnvironments.LIST_SEATS)
public class CatalogController {
  private final Catalog catalog;

  public CatalogController(Catalog catalog) {
    this.catalog = catalog;
  }

  @Get
  public List<PerformanceSummary> list() {
    return catalog.list();
  }

  @Get("/{id}")
  public PerformanceDetails details(String id) {
    return catalog.details(PathIds.performanceId(id));
  }
}
