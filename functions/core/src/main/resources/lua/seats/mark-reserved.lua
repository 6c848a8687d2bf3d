-- Records seats that MySQL has committed as RESERVED in the live seat map.
-- Invariant: RESERVED is final, so a seat enters the reserved set once; each entry raises the
-- version by one and is logged at the version it made, keeping version == SCARD(reserved) and
-- LLEN(log) == version - logStart. Marking a seat twice changes nothing. Without meta (the map
-- is missing or being rebuilt) the seats are still added: the rebuild merges them, none is lost.
-- KEYS: reserved, log, meta
-- ARGV: seat ids
-- Returns the map's version, or -1 when the map is not whole (the caller may rebuild it).
local added = 0
for _, id in ipairs(ARGV) do
  if redis.call('SADD', KEYS[1], id) == 1 then
    redis.call('RPUSH', KEYS[2], id)
    added = added + 1
  end
end
local meta = redis.call('HMGET', KEYS[3], 'version', 'logStart', 'expiresAt')
if not meta[1] or not meta[2] or not meta[3] then
  return -1
end
local version = redis.call('HINCRBY', KEYS[3], 'version', added)
redis.call('PEXPIREAT', KEYS[1], meta[3])
redis.call('PEXPIREAT', KEYS[2], meta[3])
if redis.call('SCARD', KEYS[1]) ~= version
    or redis.call('LLEN', KEYS[2]) ~= version - tonumber(meta[2]) then
  return -1
end
return version
