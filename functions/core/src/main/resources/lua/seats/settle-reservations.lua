-- Applies reservations MySQL has committed to Redis, in one round trip: their seats go on the live
-- map (mark_reserved, from seats/mark-reserved.lua, with its invariant) and their ticketing
-- sessions end, so each slot goes to the next in line (a reservation ends its session).
-- Invariant: run only for committed reservations; idempotent (a seat marked twice, a session ended
-- twice change nothing), so the request that committed, its retry and the advancer's follow-up
-- may all run it for the same reservation, in any order. A session is never ended without its
-- seats being marked in the same step.
-- KEYS: 1 reserved, 2 log, 3 meta (the map's changing keys), 4 sessions
-- ARGV: 1 how many session ids follow, then the session ids, then the seat ids
-- Returns the map's version, or -1 when the map is not whole (the caller may rebuild it).
local sessions = tonumber(ARGV[1])
local seats = {}
for i = sessions + 2, #ARGV do
  seats[#seats + 1] = ARGV[i]
end
local version = mark_reserved({KEYS[1], KEYS[2], KEYS[3]}, seats)
for i = 2, sessions + 1 do
  redis.call('ZREM', KEYS[4], ARGV[i])
end
return version
