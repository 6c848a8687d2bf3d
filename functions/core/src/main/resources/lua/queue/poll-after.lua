-- The cadence: how many seconds a holder should wait before the next poll (the one source of this
-- formula; issue.lua and poll.lua include it as the local function poll_after).
--
--   rate      = the measured admissions per minute, else (none measured yet) capacity * 60 /
--               session length: the rate of a full room whose sessions all run to their end
--   wait      = position * 60 / rate: the expected seconds until the holder is called
--   far       = max(max, ceil(waiting / budget)): the longest cadence; it stretches with the crowd so
--               that the holders at the back poll about `budget` times a second in all
--   pollAfter = floor(until opening + 3/4 * wait), clamped to [min, far]
--
-- A holder comes back after three quarters of its expected wait, so the polls thin out
-- geometrically towards the front, and a rate measured a quarter too low still brings it back
-- before its call; the holders next in line poll every `min` seconds.
--
-- ARGV (of this function): 1 position (1 = next), 2 ms until the sale opens (0 once open),
--       3 admissions per minute (0 = not measured), 4 capacity, 5 session length (ms), 6 min (s),
--       7 max (s), 8 budget (polls/s), 9 waiting tickets
-- Returns the whole number of seconds, min <= n <= far
local position = tonumber(ARGV[1])
local rate = tonumber(ARGV[3])
if rate < 0.01 then
  rate = tonumber(ARGV[4]) * 60000 / tonumber(ARGV[5])
end
local wait = position * 60 / rate
local low = tonumber(ARGV[6])
local far = math.max(tonumber(ARGV[7]), math.ceil(tonumber(ARGV[9]) / tonumber(ARGV[8])))
local seconds = math.floor(tonumber(ARGV[2]) / 1000 + 0.75 * wait)
if seconds < low then
  return low
end
if seconds > far then
  return far
end
return seconds
