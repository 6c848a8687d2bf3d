-- An operator resumes a paused sale: the queue's clock runs again from where it stopped (the
-- pause's length joins `shift`), so every waiting ticket keeps its place and its deadline, every
-- call its claim window, and admission continues in order-key order at the next tick; every session
-- paused with the sale gets back the time it had left; the admission rate's measurement restarts
-- (the pause says nothing about the rate).
--
-- Invariants: resuming a sale that is not paused changes nothing; a session that ended during the
-- pause (its holder left) is not brought back (ZADD XX).
--
-- KEYS: 1 meta, 2 sessions, 3 paused-sessions, 4 rate
-- ARGV: 1 now (ms)
-- Returns the pause's length (ms), or -1 if the sale was not paused
local now = tonumber(ARGV[1])
local at = redis.call('HGET', KEYS[1], 'paused')
if not at then
  return -1
end
local length = math.max(0, now - tonumber(at))
redis.call('HINCRBY', KEYS[1], 'shift', length)
redis.call('HDEL', KEYS[1], 'paused')
local paused = redis.call('HGETALL', KEYS[3])
for i = 1, #paused, 2 do
  redis.call('ZADD', KEYS[2], 'XX', string.format('%.0f', now + tonumber(paused[i + 1])), paused[i])
end
redis.call('DEL', KEYS[3])
redis.call('HDEL', KEYS[4], 'since', 'count')
return length
