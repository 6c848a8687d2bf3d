-- What one hold attempt leaves in Redis once MySQL has decided it, in one round trip.
-- Runs with settle_reservations (seats/settle-reservations.lua) and mark (seats/mark.lua) as local
-- functions; their invariants hold here unchanged:
--   won (or lost to the session's own reservation): the hold's seats go on the live map as HELD and
--     its session ends, in the same step;
--   lost: the seats MySQL named taken (possibly none: the 409 then gets the map's version) go on
--     the map as taken (HELD unless the map shows them RESERVED); the session goes on.
-- If this script does not run (the function died after the commit), the hold is settled by the
-- buyer's retry or by the advancer's next tick (docs/seats.md, "Crash consistency").
-- KEYS: 1 reserved, 2 held, 3 log, 4 meta (the map's changing keys), 5 sessions
-- ARGV: 1 'won' or 'lost', 2 the session id (won) or '' (lost), 3.. seat ids
-- Returns the map's version, or -1 when the map is not whole (the caller may rebuild it).
if ARGV[1] == 'won' then
  local args = {'T', '1', ARGV[2]}
  for i = 3, #ARGV do
    args[#args + 1] = ARGV[i]
  end
  return settle_reservations(KEYS, args)
end
local marks = {'T'}
for i = 3, #ARGV do
  marks[#marks + 1] = ARGV[i]
end
return mark({KEYS[1], KEYS[2], KEYS[3], KEYS[4]}, marks)
