-- Reads the live seat map of one performance in one round trip.
-- Invariant: an answer comes only from a whole map: meta present, version == SCARD(reserved) (every
-- reserved seat raised the version by one), LLEN(log) == version - logStart (one log entry per
-- version since the map was built) and the layout present. Anything else answers {0}: the caller
-- rebuilds the map from MySQL. A known version equal to the current one costs O(1).
-- KEYS: layout, reserved, log, meta
-- ARGV[1]: 'full' or 'since'; ARGV[2]: the version the caller knows (-1: none);
-- ARGV[3]: '1' to include the layout in a full answer
-- Returns {0} | {1, version} (unchanged) | {2, version, seatId...} (reserved since)
--       | {3, version, layout or '', reservedSeatId...}
local meta = redis.call('HMGET', KEYS[4], 'version', 'logStart')
if not meta[1] or not meta[2] then
  return {0}
end
local version = tonumber(meta[1])
local logStart = tonumber(meta[2])
if redis.call('SCARD', KEYS[2]) ~= version
    or redis.call('LLEN', KEYS[3]) ~= version - logStart
    or redis.call('EXISTS', KEYS[1]) == 0 then
  return {0}
end
local known = tonumber(ARGV[2])
if known == version then
  return {1, version}
end
if ARGV[1] == 'since' and known >= logStart and known < version then
  local out = {2, version}
  for _, id in ipairs(redis.call('LRANGE', KEYS[3], known - logStart, -1)) do
    out[#out + 1] = id
  end
  return out
end
local layout = ''
if ARGV[3] == '1' then
  layout = redis.call('GET', KEYS[1])
end
local out = {3, version, layout}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  out[#out + 1] = id
end
return out
