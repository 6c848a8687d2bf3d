-- Drops one slice of abandoned waiting tickets: those past their deadline (not polled within their
-- cadence plus the retention), found through the `deadlines` index, oldest first.
--
-- Invariants: the index never says later than a ticket's real deadline (kept with its secret in
-- `tickets`; polls move the real one forward and leave the index), so every ticket past its
-- deadline is found. A found ticket past its real deadline leaves `waiting`, `deadlines` and
-- `tickets` together; a live one (it polled since it was indexed) is re-indexed at its real
-- deadline and not touched otherwise. At most `slice` tickets per run, in a handful of bulk
-- commands, so one run holds Redis for a bounded time whatever the size of the queue (the advancer
-- runs slices before each tick's advance.lua while they come back full, up to a bound per tick).
--
-- Deadlines are on the queue's clock (queue-clock.lua), which stops while the sale is paused: a
-- pause drops nobody.
--
-- KEYS: 1 waiting, 2 deadlines, 3 tickets, 4 meta
-- ARGV: 1 now (ms), 2 slice (most index entries to examine)
-- Returns {tickets dropped, index entries examined}
local now = queue_clock({KEYS[4]}, {ARGV[1]})[1]
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', string.format('(%.0f', now),
  'LIMIT', 0, tonumber(ARGV[2]))
if #lapsed == 0 then
  return {0, 0}
end
local held = redis.call('HMGET', KEYS[3], unpack(lapsed))
local dropped = {}
local reindexed = {}
for i, number in ipairs(lapsed) do
  local deadline = held[i] and tonumber(string.match(held[i], ':(%d+)$'))
  if deadline and deadline >= now then
    reindexed[#reindexed + 1] = deadline
    reindexed[#reindexed + 1] = number
  else
    dropped[#dropped + 1] = number
  end
end
if #dropped > 0 then
  redis.call('ZREM', KEYS[1], unpack(dropped))
  redis.call('ZREM', KEYS[2], unpack(dropped))
  redis.call('HDEL', KEYS[3], unpack(dropped))
end
if #reindexed > 0 then
  redis.call('ZADD', KEYS[2], unpack(reindexed))
end
return {#dropped, #lapsed}
