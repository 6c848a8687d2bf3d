package dev.ticketing.gateway;

import java.util.Map;

/** Where a request goes: the function that owns its API Gateway resource, and its parameters. */
record Route(String function, String resource, Map<String, String> pathParameters) {}
