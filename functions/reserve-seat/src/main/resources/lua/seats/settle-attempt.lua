-- What one reservation attempt leaves in Redis once MySQL has decided it, in one round trip.
-- Runs with mark_reserved (seats/mark-reserved.lua) and holder_seats (seats/holder-seats.lua) as
-- local functions; their invariants hold here unchanged:
--   1. the seats MySQL has committed as RESERVED go on the live map (a won attempt's own seats; a
--      lost attempt's seats MySQL named taken, possibly none: the 409 then gets the map's version);
--   2. won: the buyer's session ends, so its slot goes to the next in line (a 201 ends the session);
--      lost: the seats the holder claimed before the transaction are given back, because the
--      attempt reserved nothing (the holder's count never drops below 0).
-- Invariant: the holder's count changes only for a lost attempt and the session only for a won
-- one; both happen with the map update or not at all (if this script does not run, the map heals
-- on the next loser or rebuild, the session expires, and the holder's limit stays stricter until
-- its session ends, never looser).
-- KEYS: 1 reserved, 2 log, 3 meta (the map's changing keys), 4 sessions, 5 the holder's count
-- ARGV: 1 'won' or 'lost', 2 the session id (won) or the seats claimed (lost), 3.. seat ids
-- Returns the map's version, or -1 when the map is not whole (the caller may rebuild it).
local seats = {}
for i = 3, #ARGV do
  seats[#seats + 1] = ARGV[i]
end
local version = mark_reserved({KEYS[1], KEYS[2], KEYS[3]}, seats)
if ARGV[1] == 'won' then
  redis.call('ZREM', KEYS[4], ARGV[2])
else
  holder_seats({KEYS[5]}, {tostring(-tonumber(ARGV[2]))})
end
return version
