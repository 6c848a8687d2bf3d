-- Before the seat transaction, in one round trip: does the live map already show a requested seat
-- held or reserved?
-- Invariant of the map (kept by mark.lua and rebuild.lua): a seat shows HELD or RESERVED only after
-- MySQL committed it so. A request for such a seat can win only if the seat came back since (a hold
-- released or expired whose change the map has not shown yet: for at most a second or two, the
-- advancer's sweep), so it is refused before any MySQL work (unless the seats are the session's own
-- reservation, which the caller asks MySQL). The map answers only when whole (LLEN(log) == version -
-- logStart, the sets as large as meta counts them), so the version returned shows those seats;
-- otherwise the request goes on and MySQL decides.
-- KEYS: 1 reserved, 2 held, 3 log, 4 meta
-- ARGV: seat ids
-- Returns {0} nothing taken (or the map is not whole); {2, version, seat ids...} taken.
local taken = {}
for i = 1, #ARGV do
  if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 1 or redis.call('SISMEMBER', KEYS[2], ARGV[i]) == 1 then
    taken[#taken + 1] = tonumber(ARGV[i])
  end
end
if #taken > 0 then
  local meta = redis.call('HMGET', KEYS[4], 'version', 'logStart', 'reserved', 'held')
  if meta[1] and meta[2] and meta[3] and meta[4] then
    local version = tonumber(meta[1])
    if redis.call('LLEN', KEYS[3]) == version - tonumber(meta[2])
        and redis.call('SCARD', KEYS[1]) == tonumber(meta[3])
        and redis.call('SCARD', KEYS[2]) == tonumber(meta[4]) then
      local reply = {2, version}
      for _, id in ipairs(taken) do
        reply[#reply + 1] = id
      end
      return reply
    end
  end
end
return {0}
