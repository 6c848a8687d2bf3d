-- One tick of a performance's waiting room: drop what has lapsed, then call the next live tickets
-- into the free slots, and measure the admission rate.
--
-- Invariant: active sessions + pending calls <= capacity after the tick whenever it held before
-- (calls are made only into free slots, counted in this same atomic step), so overlapping,
-- retried or late ticks can never admit more than the capacity, nor a burst beyond it. An
-- abandoned ticket (no heartbeat for longer than the retention) is dropped, never called.
--
-- KEYS: 1 waiting, 2 seen, 3 tickets, 4 called, 5 sessions, 6 rate, 7 capacity, 8 meta, 9 seq,
--       10 admitted
-- ARGV: 1 now (ms), 2 default capacity, 3 claim window (ms), 4 retention (ms), 5 sale opens at (ms),
--       6 keys expire at (ms), 7 most tickets to drop or call in one tick, 8 rate time constant (ms)
-- Returns {calls made, calls lapsed, tickets abandoned, sessions expired, active sessions,
--          pending calls, waiting tickets, capacity, admitted per minute (string)}
local now = tonumber(ARGV[1])
local budget = tonumber(ARGV[7])
local live_since = now - tonumber(ARGV[4])

local expired = redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now)

local lapsed = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', now, 'LIMIT', 0, budget)
for _, number in ipairs(lapsed) do
  redis.call('ZREM', KEYS[4], number)
  redis.call('HDEL', KEYS[3], number)
end

local abandoned = redis.call('ZRANGEBYSCORE', KEYS[2], '-inf', string.format('(%.0f', live_since), 'LIMIT', 0, budget)
for _, number in ipairs(abandoned) do
  redis.call('ZREM', KEYS[1], number)
  redis.call('ZREM', KEYS[2], number)
  redis.call('HDEL', KEYS[3], number)
end
local skipped = #abandoned

local capacity = tonumber(redis.call('GET', KEYS[7]) or ARGV[2])
local waiting_before = redis.call('ZCARD', KEYS[1])
local free = capacity - redis.call('ZCARD', KEYS[5]) - redis.call('ZCARD', KEYS[4])
local calls = 0
local deadline = now + tonumber(ARGV[3])
if now >= tonumber(ARGV[5]) then
  while free > 0 and budget > 0 do
    local head = redis.call('ZRANGE', KEYS[1], 0, math.min(free, budget) - 1)
    if #head == 0 then
      break
    end
    for _, number in ipairs(head) do
      budget = budget - 1
      local seen = redis.call('ZSCORE', KEYS[2], number)
      redis.call('ZREM', KEYS[1], number)
      redis.call('ZREM', KEYS[2], number)
      if seen and tonumber(seen) >= live_since then
        redis.call('ZADD', KEYS[4], deadline, number)
        calls = calls + 1
        free = free - 1
      else
        redis.call('HDEL', KEYS[3], number)
        skipped = skipped + 1
      end
    end
  end
end

-- Admissions per minute, as an exponentially weighted moving average over the ticks that had
-- someone waiting (without demand there is nothing to measure). The first such tick only starts
-- the clock: its calls fill an empty room and say nothing about the steady rate.
local ewma = tonumber(redis.call('HGET', KEYS[6], 'ewma'))
if waiting_before > 0 then
  local since = tonumber(redis.call('HGET', KEYS[6], 'since'))
  if since == nil then
    redis.call('HSET', KEYS[6], 'since', now, 'count', 0)
  else
    local count = tonumber(redis.call('HGET', KEYS[6], 'count') or '0') + calls
    local elapsed = now - since
    if elapsed >= 1000 then
      local rate = count * 60000 / elapsed
      if ewma == nil then
        ewma = rate
      else
        ewma = ewma + (1 - math.exp(-elapsed / tonumber(ARGV[8]))) * (rate - ewma)
      end
      redis.call('HSET', KEYS[6], 'ewma', string.format('%.3f', ewma), 'since', now, 'count', 0)
    else
      redis.call('HSET', KEYS[6], 'count', count)
    end
  end
else
  redis.call('HDEL', KEYS[6], 'since', 'count')
end

for i = 1, 10 do
  redis.call('PEXPIREAT', KEYS[i], ARGV[6])
end

return {calls, #lapsed, skipped, expired, redis.call('ZCARD', KEYS[5]), redis.call('ZCARD', KEYS[4]),
        redis.call('ZCARD', KEYS[1]), capacity, string.format('%.3f', ewma or 0)}
