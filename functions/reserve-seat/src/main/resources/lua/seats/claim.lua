-- Before the seat transaction, in one round trip: the holder's claim (holder_seats, from
-- seats/holder-seats.lua, with its invariant), unless the live map already shows a requested seat
-- reserved.
-- Invariant of the map (kept by mark-reserved.lua and rebuild.lua): a seat enters the reserved set
-- only after MySQL committed it RESERVED, and RESERVED is final. So a request for such a seat cannot
-- win: it is refused here, before any MySQL work, and counts nothing for the holder. The map
-- answers only when whole (version == SCARD(reserved), LLEN(log) == version - logStart), so the
-- version returned shows those seats; otherwise the claim goes on and MySQL decides.
-- The holder's limit comes first: a request past it is refused as such, whatever its seats.
-- KEYS: 1 the holder's count, 2 reserved, 3 log, 4 meta
-- ARGV: 1 seats requested, 2 limit, 3 when the count expires (epoch ms), 4.. seat ids
-- Returns {0, held before} claimed; {1, held} past the limit; {2, version, seat ids...} sold.
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if held + tonumber(ARGV[1]) <= tonumber(ARGV[2]) then
  local sold = {}
  for i = 4, #ARGV do
    if redis.call('SISMEMBER', KEYS[2], ARGV[i]) == 1 then
      sold[#sold + 1] = tonumber(ARGV[i])
    end
  end
  if #sold > 0 then
    local meta = redis.call('HMGET', KEYS[4], 'version', 'logStart')
    if meta[1] and meta[2] then
      local version = tonumber(meta[1])
      if redis.call('SCARD', KEYS[2]) == version
          and redis.call('LLEN', KEYS[3]) == version - tonumber(meta[2]) then
        local reply = {2, version}
        for _, id in ipairs(sold) do
          reply[#reply + 1] = id
        end
        return reply
      end
    end
  end
end
local result = holder_seats({KEYS[1]}, {ARGV[1], ARGV[2], ARGV[3]})
if result < 0 then
  return {1, -result - 1}
end
return {0, result}
