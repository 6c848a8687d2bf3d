// A buyer that uses the API directly (no browser): to set the scene for screenshots and tests.
export async function admittedBuyer(baseUrl, performanceId, { timeoutMs = 60_000 } = {}) {
  const issued = await call(baseUrl, 'POST', `/api/performances/${performanceId}/queue`, null, {});
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const answer = await call(baseUrl, 'GET', `/api/performances/${performanceId}/queue`, issued.queueToken);
    if (answer.status === 'ADMITTED') return { queueToken: issued.queueToken, accessToken: answer.accessToken };
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
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(baseUrl + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) return null;
  const text = await response.text();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
  return JSON.parse(text);
}
