-- An operator pauses a performance's sale: the queue's clock stops (queue-clock.lua), so nobody is
-- called or admitted, no waiting ticket and no call lapses, whatever the pause's length; and every
-- active session's clock stops: its remaining time is kept and its expiry moved out of reach until
-- the resume gives it back.
--
-- Invariants: `paused` is set once (pausing a paused sale changes nothing); a session of
-- `sessions` that was live at the pause is in `paused-sessions` with its remaining time (ms) and
-- stays live (its score the keys' expiry) until the resume; active sessions + pending calls do not
-- change, so the capacity still holds.
--
-- KEYS: 1 meta, 2 sessions, 3 paused-sessions
-- ARGV: 1 now (ms), 2 keys expire at (ms)
-- Returns 1 if the sale was paused now, 0 if it already was
local now = tonumber(ARGV[1])
if redis.call('HEXISTS', KEYS[1], 'paused') == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'paused', ARGV[1])
local live = redis.call('ZRANGEBYSCORE', KEYS[2], string.format('(%.0f', now), '+inf', 'WITHSCORES')
for i = 1, #live, 2 do
  redis.call('HSET', KEYS[3], live[i], string.format('%.0f', tonumber(live[i + 1]) - now))
  redis.call('ZADD', KEYS[2], ARGV[2], live[i])
end
for i = 1, 3 do
  if redis.call('EXISTS', KEYS[i]) == 1 then
    redis.call('PEXPIREAT', KEYS[i], ARGV[2])
  end
end
return 1
