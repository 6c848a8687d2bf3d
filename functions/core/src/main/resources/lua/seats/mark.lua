-- Applies seat status changes MySQL has committed to the live seat map.
-- Invariant: a seat is in `reserved` (RESERVED), in `held` (HELD) or in neither (AVAILABLE), never in
-- both; each change of a seat's status on the map is one log entry '<id>:<A|H|R>' and raises the
-- version by one, so LLEN(log) == version - logStart; meta counts the sets' members (`reserved`,
-- `held`), so a map that lost one of its keys is seen not whole. A mark that changes nothing logs
-- nothing. MySQL
-- raises seats.version by one per status change, so a map that saw every change has MySQL's
-- SUM(seats.version) as its version (the advancer's map check compares the two). Without meta (the
-- map is missing or being rebuilt) the sets still change: the rebuild replaces them.
-- KEYS: reserved, held, log, meta
-- ARGV[1]: 'A', 'H', 'R', or 'T' (taken, status unknown: HELD unless the map shows it HELD or
--          RESERVED already); ARGV[2..]: seat ids
-- Returns the map's version, or -1 when the map is not whole (the caller may rebuild it).
local target = ARGV[1]
local added = 0
local counts = {R = 0, H = 0, A = 0}
for i = 2, #ARGV do
  local id = ARGV[i]
  local now = 'A'
  if redis.call('SISMEMBER', KEYS[1], id) == 1 then
    now = 'R'
  elseif redis.call('SISMEMBER', KEYS[2], id) == 1 then
    now = 'H'
  end
  local want = target
  if want == 'T' then
    if now == 'A' then want = 'H' else want = now end
  end
  if want ~= now then
    if now == 'R' then redis.call('SREM', KEYS[1], id) end
    if now == 'H' then redis.call('SREM', KEYS[2], id) end
    if want == 'R' then redis.call('SADD', KEYS[1], id) end
    if want == 'H' then redis.call('SADD', KEYS[2], id) end
    redis.call('RPUSH', KEYS[3], id .. ':' .. want)
    counts[now] = counts[now] - 1
    counts[want] = counts[want] + 1
    added = added + 1
  end
end
local meta = redis.call('HMGET', KEYS[4], 'version', 'logStart', 'expiresAt')
if not meta[1] or not meta[2] or not meta[3] then
  return -1
end
local version = redis.call('HINCRBY', KEYS[4], 'version', added)
local reserved = redis.call('HINCRBY', KEYS[4], 'reserved', counts.R)
local held = redis.call('HINCRBY', KEYS[4], 'held', counts.H)
for i = 1, 3 do
  redis.call('PEXPIREAT', KEYS[i], meta[3])
end
if redis.call('LLEN', KEYS[3]) ~= version - tonumber(meta[2])
    or redis.call('SCARD', KEYS[1]) ~= reserved or redis.call('SCARD', KEYS[2]) ~= held then
  return -1
end
return version
