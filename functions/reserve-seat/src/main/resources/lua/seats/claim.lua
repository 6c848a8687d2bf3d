-- Before the seat transaction, in one round trip: does the live map already show a requested seat
-- reserved?
-- Invariant of the map (kept by mark-reserved.lua and rebuild.lua): a seat enters the reserved set
-- only after MySQL committed it RESERVED, and RESERVED is final. So a request for such a seat cannot
-- win: it is refused before any MySQL work (unless the seats are the session's own reservation,
-- which the caller asks MySQL). The map answers only when whole (version == SCARD(reserved),
-- LLEN(log) == version - logStart), so the version returned shows those seats; otherwise the
-- request goes on and MySQL decides.
-- KEYS: 1 reserved, 2 log, 3 meta
-- ARGV: seat ids
-- Returns {0} nothing sold (or the map is not whole); {2, version, seat ids...} sold.
local sold = {}
for i = 1, #ARGV do
  if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 1 then
    sold[#sold + 1] = tonumber(ARGV[i])
  end
end
if #sold > 0 then
  local meta = redis.call('HMGET', KEYS[3], 'version', 'logStart')
  if meta[1] and meta[2] then
    local version = tonumber(meta[1])
    if redis.call('SCARD', KEYS[1]) == version
        and redis.call('LLEN', KEYS[2]) == version - tonumber(meta[2]) then
      local reply = {2, version}
      for _, id in ipairs(sold) do
        reply[#reply + 1] = id
      end
      return reply
    end
  end
end
return {0}
