-- Rebuilds the live seat map of one performance from a snapshot of MySQL, the source of truth.
-- Invariant: a whole map at least as new as the snapshot (its version, the changes it saw, not below
-- MySQL's SUM(seats.version) at the snapshot) has seen every change in it and is kept. A whole map
-- behind it, or one the advancer found ahead of MySQL ('force': marks applied out of order), is
-- replaced by the snapshot. A map that is not whole (keys lost) is merged with it: seats marked since
-- the loss stay (a hold that committed after the snapshot was read), so a rebuild never shows a seat
-- taken before it as available (one that came back meanwhile may show taken until the advancer's
-- next check finds the map behind and replaces it). Either way the log starts anew at the snapshot's
-- version (older versions then get the full map).
-- KEYS: layout, reserved, held, log, meta
-- ARGV[1]: layout JSON; ARGV[2]: expiry, epoch ms; ARGV[3]: MySQL's SUM(seats.version);
-- ARGV[4]: 'force' or 'behind'; ARGV[5]: how many reserved ids follow; then the RESERVED seat ids,
-- then the HELD seat ids.
-- Returns {3, version, '', count of reserved, reservedSeatId..., heldSeatId...}, a full read's shape.
local meta = redis.call('HMGET', KEYS[5], 'version', 'logStart', 'reserved', 'held')
local whole = meta[1] and meta[2] and meta[3] and meta[4]
    and redis.call('LLEN', KEYS[4]) == tonumber(meta[1]) - tonumber(meta[2])
    and redis.call('SCARD', KEYS[2]) == tonumber(meta[3])
    and redis.call('SCARD', KEYS[3]) == tonumber(meta[4])
    and redis.call('EXISTS', KEYS[1]) == 1
local snapshot = tonumber(ARGV[3])
local version
if whole and ARGV[4] ~= 'force' and tonumber(meta[1]) >= snapshot then
  version = tonumber(meta[1])
else
  if whole then
    redis.call('DEL', KEYS[2], KEYS[3])
  end
  redis.call('DEL', KEYS[4])
  local reservedCount = tonumber(ARGV[5])
  for i = 6, #ARGV do
    if i < 6 + reservedCount then
      redis.call('SADD', KEYS[2], ARGV[i])
    else
      redis.call('SADD', KEYS[3], ARGV[i])
    end
  end
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[2])) do
    redis.call('SREM', KEYS[3], id)
  end
  redis.call('SET', KEYS[1], ARGV[1])
  version = snapshot
  redis.call('HSET', KEYS[5], 'version', version, 'logStart', version,
      'reserved', redis.call('SCARD', KEYS[2]), 'held', redis.call('SCARD', KEYS[3]))
end
redis.call('HSET', KEYS[5], 'expiresAt', ARGV[2])
for i = 1, 5 do
  redis.call('PEXPIREAT', KEYS[i], ARGV[2])
end
local reserved = redis.call('SMEMBERS', KEYS[2])
local out = {3, version, '', #reserved}
for _, id in ipairs(reserved) do
  out[#out + 1] = id
end
for _, id in ipairs(redis.call('SMEMBERS', KEYS[3])) do
  out[#out + 1] = id
end
return out
