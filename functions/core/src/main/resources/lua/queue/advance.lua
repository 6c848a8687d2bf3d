-- One tick of a performance's waiting room: drop what has lapsed, then call the next live tickets
-- into the free slots, and measure the admission rate.
--
-- Invariant: active sessions + pending calls <= capacity after the tick whenever it held before
-- (calls are made only into free slots, counted in this same atomic step), so overlapping,
-- retried or late ticks can never admit more than the capacity, nor a burst beyond it. A ticket
-- past its deadline (abandoned: not polled within its cadence plus the retention; the deadline is
-- kept with the secret in `tickets`) is never called: purge.lua drops such tickets in slices
-- before the tick, and one met at the head here is dropped too.
-- Claim window: a call's claim deadline is max(now, the ticket's next due poll) + claim window,
-- where the due poll is its deadline - retention; so a called holder who polls when told to always
-- claims in time, however far ahead of that poll the call comes.
-- Progress: `calls` counts every call ever made and `serving` is the largest order key called;
-- calls are made in order-key order and every key is issued before any larger one is called, so
-- a waiting holder has been called once `serving` reaches its key.
--
-- Admission by inventory: with the seats counted (ARGV 9, 10), the room is at most
-- min(capacity, sessions per seat * seats available): calls are made only while active sessions +
-- pending calls are below it, so the last 5 seats never let 300 buyers in. With no seat available
-- and none held (that could come back) the sale is sold out: `soldout` in `meta` tells the polls
-- (and the public state); the waiting tickets keep their places, in order, and are called again as
-- soon as a tick counts a seat that came back. Without a count (ARGV 9 = ''), the capacity alone.
-- Pause: while the queue's clock is stopped (queue-clock.lua) the tick changes nothing; ticket and
-- claim deadlines are on that clock, sessions on the wall clock.
--
-- KEYS: 1 waiting, 2 deadlines, 3 tickets, 4 called, 5 sessions, 6 rate, 7 capacity, 8 meta,
--       9 seq, 10 admitted, 11 called-at
-- ARGV: 1 now (ms), 2 default capacity, 3 claim window (ms), 4 retention (ms), 5 sale opens at (ms),
--       6 keys expire at (ms), 7 most tickets to call or lapse in one tick, 8 rate time constant
--       (ms), 9 seats available ('' = not counted), 10 seats held, 11 sessions per available seat
-- Returns {calls made, calls lapsed, tickets abandoned, sessions expired, active sessions,
--          pending calls, waiting tickets, capacity, admitted per minute (string),
--          room (the bound on sessions + calls this tick), 1 if paused, 1 if sold out}
local now = tonumber(ARGV[1])
local budget = tonumber(ARGV[7])
local retention = tonumber(ARGV[4])
local clock = queue_clock({KEYS[8]}, {now})
local queue_now = clock[1]
local capacity = tonumber(redis.call('GET', KEYS[7]) or ARGV[2])

local room = capacity
local sold_out = false
if ARGV[9] ~= '' then
  local available = tonumber(ARGV[9])
  local held = tonumber(ARGV[10])
  room = math.min(capacity, available * tonumber(ARGV[11]))
  sold_out = available + held == 0
  redis.call('HSET', KEYS[8], 'available', ARGV[9], 'held', ARGV[10])
  if sold_out then
    redis.call('HSET', KEYS[8], 'soldout', '1')
  else
    redis.call('HDEL', KEYS[8], 'soldout')
  end
end
local function flag(b)
  if b then
    return 1
  end
  return 0
end

if clock[2] then
  for i = 1, 11 do
    redis.call('PEXPIREAT', KEYS[i], ARGV[6])
  end
  return {0, 0, 0, 0, redis.call('ZCARD', KEYS[5]), redis.call('ZCARD', KEYS[4]),
          redis.call('ZCARD', KEYS[1]), capacity,
          redis.call('HGET', KEYS[6], 'ewma') or '0.000', room, 1, flag(sold_out)}
end

local expired = redis.call('ZREMRANGEBYSCORE', KEYS[5], '-inf', now)

local lapsed = redis.call('ZRANGEBYSCORE', KEYS[4], '-inf', queue_now, 'LIMIT', 0, budget)
if #lapsed > 0 then
  redis.call('ZREM', KEYS[4], unpack(lapsed))
  redis.call('HDEL', KEYS[11], unpack(lapsed))
  redis.call('HDEL', KEYS[3], unpack(lapsed))
end

local skipped = 0

local waiting_before = redis.call('ZCARD', KEYS[1])
local free = room - redis.call('ZCARD', KEYS[5]) - redis.call('ZCARD', KEYS[4])
local calls = 0
local serving = nil
local window = tonumber(ARGV[3])
if now >= tonumber(ARGV[5]) then
  while free > 0 and budget > 0 do
    local head = redis.call('ZRANGE', KEYS[1], 0, math.min(free, budget) - 1, 'WITHSCORES')
    if #head == 0 then
      break
    end
    for i = 1, #head, 2 do
      local number = head[i]
      budget = budget - 1
      local held = redis.call('HGET', KEYS[3], number)
      local deadline = held and tonumber(string.match(held, ':(%d+)$'))
      redis.call('ZREM', KEYS[1], number)
      redis.call('ZREM', KEYS[2], number)
      if deadline and deadline >= queue_now then
        redis.call('ZADD', KEYS[4], math.max(queue_now, deadline - retention) + window, number)
        redis.call('HSET', KEYS[11], number, now)
        calls = calls + 1
        free = free - 1
        serving = head[i + 1]
      else
        redis.call('HDEL', KEYS[3], number)
        skipped = skipped + 1
      end
    end
  end
end
if calls > 0 then
  redis.call('HINCRBY', KEYS[6], 'calls', calls)
  redis.call('HSET', KEYS[6], 'serving', serving)
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

for i = 1, 11 do
  redis.call('PEXPIREAT', KEYS[i], ARGV[6])
end

return {calls, #lapsed, skipped, expired, redis.call('ZCARD', KEYS[5]), redis.call('ZCARD', KEYS[4]),
        redis.call('ZCARD', KEYS[1]), capacity, string.format('%.3f', ewma or 0), room, 0,
        flag(sold_out)}
