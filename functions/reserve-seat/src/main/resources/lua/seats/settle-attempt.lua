-- What one reservation attempt leaves in Redis once MySQL has decided it, in one round trip.
-- Runs with settle_reservations (seats/settle-reservations.lua) and mark_reserved
-- (seats/mark-reserved.lua) as local functions; their invariants hold here unchanged:
--   won (or lost to the session's own reservation): the reservation's seats go on the live map and
--     its session ends, in the same step;
--   lost: the seats MySQL named taken (possibly none: the 409 then gets the map's version) go on
--     the map; the session goes on (it may choose other seats).
-- If this script does not run (the function died after the commit), the reservation is settled by
-- the buyer's retry or by the advancer's next tick (docs/seats.md, "Crash consistency").
-- KEYS: 1 reserved, 2 log, 3 meta (the map's changing keys), 4 sessions
-- ARGV: 1 'won' or 'lost', 2 the session id (won) or '' (lost), 3.. seat ids
-- Returns the map's version, or -1 when the map is not whole (the caller may rebuild it).
local seats = {}
for i = 3, #ARGV do
  seats[#seats + 1] = ARGV[i]
end
if ARGV[1] == 'won' then
  local args = {'1', ARGV[2]}
  for _, id in ipairs(seats) do
    args[#args + 1] = id
  end
  return settle_reservations(KEYS, args)
end
return mark_reserved({KEYS[1], KEYS[2], KEYS[3]}, seats)
