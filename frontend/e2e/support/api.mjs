// A buyer that uses the API directly (no browser): to set the scene for screenshots and tests.
// It follows the cadence as the SPA does: polls when told (pollAfterSeconds, or a 429's Retry-After)
// and watches the public queue state in between, polling at once when it shows the ticket called.
export async function admittedBuyer(baseUrl, performanceId, { timeoutMs = 60_000 } = {}) {
  const queue = `/api/performances/${performanceId}/queue`;
  const issued = await call(baseUrl, 'POST', queue, null, {});
  const deadline = Date.now() + timeoutMs;
  let last = issued;
  let dueAt = Date.now() + (issued.pollAfterSeconds ?? 0) * 1000;
  while (Date.now() < deadline) {
    const state = await call(baseUrl, 'GET', `${queue}/state`, null);
    const called = last.orderKey != null && state.nowServing != null && state.nowServing >= last.orderKey;
    if (called || Date.now() >= dueAt) {
      const response = await send(baseUrl, 'GET', queue, issued.queueToken);
      if (response.status === 429) {
        dueAt = Date.now() + Number(response.headers.get('Retry-After') ?? '1') * 1000;
        continue;
      }
      const answer = await parse('GET', queue, response);
      if (answer.status === 'ADMITTED') return { queueToken: issued.queueToken, accessToken: answer.accessToken };
      last = answer;
      dueAt = Date.now() + (answer.pollAfterSeconds ?? 1) * 1000;
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('not admitted in time');
}

export async function reserveSeats(baseUrl, performanceId, accessToken, seatIds) {
  return call(baseUrl, 'POST', `/api/performances/${performanceId}/reservations`, accessToken, { seatIds });
}

export async function seatMap(baseUrl, performanceId, accessToken) {
  return call(baseUrl, 'GET', `/api/performances/${performanceId}/seats`, accessToken);
}

export async function leave(baseUrl, performanceId, token) {
  await call(baseUrl, 'DELETE', `/api/performances/${performanceId}/queue`, token);
}

async function call(baseUrl, method, path, token, body) {
  return parse(method, path, await send(baseUrl, method, path, token, body));
}

function send(baseUrl, method, path, token, body) {
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  return fetch(baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

async function parse(method, path, response) {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}
