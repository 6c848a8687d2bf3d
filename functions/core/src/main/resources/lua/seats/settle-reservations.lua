-- Applies holds MySQL has committed to Redis, in one round trip: their seats go on the live map
-- (mark, from seats/mark.lua, with its invariant) and their ticketing sessions end, so each slot
-- goes to the next in line (a hold ends its session).
-- Invariant: run only for committed reservations; idempotent (a seat marked twice, a session ended
-- twice change nothing), so the request that committed, its retry and the advancer's follow-up
-- may all run it for the same reservation, in any order. A session is never ended without its
-- seats being marked in the same step.
-- KEYS: 1 reserved, 2 held, 3 log, 4 meta (the map's changing keys), 5 sessions
-- ARGV: 1 the seats' status ('H', or 'T' when unknown: see mark.lua), 2 how many session ids follow,
-- then the session ids, then the seat ids
-- Returns the map's version, or -1 when the map is not whole (the caller may rebuild it).
local sessions = tonumber(ARGV[2])
local marks = {ARGV[1]}
for i = sessions + 3, #ARGV do
  marks[#marks + 1] = ARGV[i]
end
local version = mark({KEYS[1], KEYS[2], KEYS[3], KEYS[4]}, marks)
for i = 3, sessions + 2 do
  redis.call('ZREM', KEYS[5], ARGV[i])
end
return version
