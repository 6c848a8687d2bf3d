-- The queue's clock: the wall clock less the time the sale has spent paused. Ticket deadlines and
-- claim deadlines are kept on it (sessions, which the seat routes read, stay on the wall clock), so
-- a pause stops every waiting ticket's and every call's clock at once, in O(1): nothing is
-- rewritten when it starts or ends, and no place or call runs out during it, however long it is.
-- The one place the queue's time is computed (issue, poll, purge and advance include it).
--
-- `meta` holds `paused` (wall ms the current pause began, absent when not paused) and `shift` (the
-- total length of the finished pauses, ms); pause.lua and resume.lua are their only writers.
--
-- KEYS (of this function): 1 meta
-- ARGV (of this function): 1 wall clock now (ms)
-- Returns {queue time now (ms), true while paused}
local clock = redis.call('HMGET', KEYS[1], 'paused', 'shift')
local shift = tonumber(clock[2] or '0')
if clock[1] then
  return {tonumber(clock[1]) - shift, true}
end
return {tonumber(ARGV[1]) - shift, false}
