-- Reads the live seat map of one performance in one round trip.
-- Invariant: an answer comes only from a whole map: meta present, LLEN(log) == version - logStart
-- (one log entry per change since the map was built), the sets as large as meta counts them and the
-- layout present. Anything else answers
-- {0}: the caller rebuilds the map from MySQL. A known version equal to the current one costs O(1).
-- KEYS: layout, reserved, held, log, meta
-- ARGV[1]: 'full' or 'since'; ARGV[2]: the version the caller knows (-1: none);
-- ARGV[3]: '1' to include the layout in a full answer
-- Returns {0} | {1, version} (unchanged) | {2, version, '<id>:<A|H|R>'...} (changes since)
--       | {3, version, layout or '', count of reserved, reservedSeatId..., heldSeatId...}
local meta = redis.call('HMGET', KEYS[5], 'version', 'logStart', 'reserved', 'held')
if not meta[1] or not meta[2] or not meta[3] or not meta[4] then
  return {0}
end
local version = tonumber(meta[1])
local logStart = tonumber(meta[2])
if redis.call('LLEN', KEYS[4]) ~= version - logStart
    or redis.call('SCARD', KEYS[2]) ~= tonumber(meta[3])
    or redis.call('SCARD', KEYS[3]) ~= tonumber(meta[4])
    or redis.call('EXISTS', KEYS[1]) == 0 then
  return {0}
end
local known = tonumber(ARGV[2])
if known == version then
  return {1, version}
end
if ARGV[1] == 'since' and known >= logStart and known < version then
  local out = {2, version}
  for _, entry in ipairs(redis.call('LRANGE', KEYS[4], known - logStart, -1)) do
    out[#out + 1] = entry
  end
  return out
end
local layout = ''
if ARGV[3] == '1' then
  layout = redis.call('GET', KEYS[1])
end
local reserved = redis.call('SMEMBERS', KEYS[2])
local out = {3, version, layout, #reserved}
for _, id in ipairs(reserved) do
  out[#out + 1] = id
end
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  out[#out + 1] = id
end
return out
