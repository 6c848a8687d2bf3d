-- Hands out the next ticket of a performance's waiting room.
--
-- Invariant: every ticket number is handed out exactly once (INCR), and a new ticket is in
-- `waiting` (by order key), `seen` (by last heartbeat) and `tickets` (its secret id) together.
-- Its order key puts it behind every ticket already waiting when it is issued after opening
-- (2^48 + number: first come, first served); a ticket issued before opening gets the caller's
-- uniformly random key below 2^48 instead, so the tickets of the crowd that waited for the
-- opening are admitted in a random order, ahead of everyone who came later.
--
-- KEYS: 1 seq, 2 waiting, 3 seen, 4 tickets, 5 meta
-- ARGV: 1 now (epoch ms), 2 sale opens at (ms), 3 sale closes at (ms), 4 keys expire at (ms),
--       5 random order key (0 <= key < 2^48), 6 the ticket's secret id
-- Returns {ticket number, position (1-based; 0 before opening)}
local now = tonumber(ARGV[1])
local opens = tonumber(ARGV[2])

local number = redis.call('INCR', KEYS[1])
local order
if now < opens then
  order = tonumber(ARGV[5])
else
  order = 281474976710656 + number
end
redis.call('ZADD', KEYS[2], order, number)
redis.call('ZADD', KEYS[3], now, number)
redis.call('HSET', KEYS[4], number, ARGV[6])
redis.call('HSET', KEYS[5], 'opens', ARGV[2], 'closes', ARGV[3])
for i = 1, 5 do
  redis.call('PEXPIREAT', KEYS[i], ARGV[4])
end

local position = 0
if now >= opens then
  position = redis.call('ZRANK', KEYS[2], number) + 1
end
return {number, position}
