-- Drops one slice of abandoned waiting tickets: those past their deadline (not polled within their
-- cadence plus the retention), oldest deadline first.
--
-- Invariant: a dropped ticket leaves `waiting`, `deadlines` and `tickets` together, and no live
-- ticket (deadline >= now) is touched. At most `slice` tickets per run, in three bulk commands, so
-- one run holds Redis for a bounded time whatever the size of the queue (the advancer runs slices
-- before each tick's advance.lua while they come back full, up to a bound per tick).
--
-- KEYS: 1 waiting, 2 deadlines, 3 tickets
-- ARGV: 1 now (ms), 2 slice (most tickets to drop)
-- Returns the number of tickets dropped
local lapsed = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', string.format('(%.0f', tonumber(ARGV[1])),
  'LIMIT', 0, tonumber(ARGV[2]))
if #lapsed == 0 then
  return 0
end
redis.call('ZREM', KEYS[1], unpack(lapsed))
redis.call('ZREMRANGEBYRANK', KEYS[2], 0, #lapsed - 1)
redis.call('HDEL', KEYS[3], unpack(lapsed))
return #lapsed
