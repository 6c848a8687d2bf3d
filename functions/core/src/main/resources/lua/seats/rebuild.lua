-- Rebuilds (or completes) the live seat map of one performance from MySQL's reserved seats.
-- Invariant: RESERVED is final, so the reserved set only grows: the seats read from MySQL are
-- merged into whatever Redis already holds (seats marked by reservations that committed after that
-- read stay), never removed. A whole map keeps its log and logs each seat it gains; a map that is not
-- whole starts a new log at its version (older versions then get the full map).
-- KEYS: layout, reserved, log, meta
-- ARGV[1]: layout JSON; ARGV[2]: expiry, epoch ms; ARGV[3..]: reserved seat ids from MySQL
-- Returns {3, version, '', reservedSeatId...}, the shape of a full read.
local meta = redis.call('HMGET', KEYS[4], 'version', 'logStart')
local whole = meta[1] and meta[2]
    and redis.call('SCARD', KEYS[2]) == tonumber(meta[1])
    and redis.call('LLEN', KEYS[3]) == tonumber(meta[1]) - tonumber(meta[2])
    and redis.call('EXISTS', KEYS[1]) == 1
local version
if whole then
  local added = 0
  for i = 3, #ARGV do
    if redis.call('SADD', KEYS[2], ARGV[i]) == 1 then
      redis.call('RPUSH', KEYS[3], ARGV[i])
      added = added + 1
    end
  end
  version = redis.call('HINCRBY', KEYS[4], 'version', added)
else
  for i = 3, #ARGV do
    redis.call('SADD', KEYS[2], ARGV[i])
  end
  redis.call('DEL', KEYS[3])
  redis.call('SET', KEYS[1], ARGV[1])
  version = redis.call('SCARD', KEYS[2])
  redis.call('HSET', KEYS[4], 'version', version, 'logStart', version)
end
redis.call('HSET', KEYS[4], 'expiresAt', ARGV[2])
for i = 1, 4 do
  redis.call('PEXPIREAT', KEYS[i], ARGV[2])
end
local out = {3, version, ''}
for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
  out[#out + 1] = id
end
return out
