-- Hands out the next ticket of a performance's waiting room, unless the joining address has used up
-- its joins of the current window.
--
-- Invariants: every ticket number is handed out exactly once (INCR), and a new ticket is in
-- `waiting` (by order key), `tickets` (its secret id and deadline: "secret:deadline", the time it
-- is dropped unless polled) and `deadlines` (the index purge.lua walks) together. Its order key puts it behind every ticket already waiting when it is issued
-- after opening (2^48 + number: first come, first served); a ticket issued before opening gets the
-- caller's uniformly random key below 2^48 instead, so the tickets of the crowd that waited for the
-- opening are admitted in a random order, ahead of everyone who came later. Its deadline is the
-- time of its first poll (now + pollAfter) plus the retention, as after every poll (poll.lua), on the
-- queue's clock (queue-clock.lua: it stops while the sale is paused).
-- Join limit: an address (when known and the limit is on) gets at most `limit` tickets per fixed
-- window; a refused join changes nothing but the window's count and answers when it ends.
--
-- Toll: when the difficulty required now (the operator's `toll`, else the setting) is above 0, a
-- join needs a proof of work of at least that difficulty (its signature and hash checked by the
-- caller, JoinToll), used once: its id joins the challenge window's set of used proofs, and a
-- proof already there is refused. A refused join changes nothing (a spent proof excepted).
--
-- KEYS: 1 seq, 2 waiting, 3 deadlines, 4 tickets, 5 meta, 6 rate, 7 capacity, 8 this window's joins,
--       9 toll, 10 the proof's window's used proofs
-- ARGV: 1 now (epoch ms), 2 sale opens at (ms), 3 sale closes at (ms), 4 keys expire at (ms),
--       5 random order key (0 <= key < 2^48), 6 the ticket's secret id, 7 retention (ms),
--       8 the joining address ('' = unknown), 9 joins per address and window (0 = no limit),
--       10 the window's end (ms), 11 default capacity, 12 session length (ms),
--       13 min poll after (s), 14 max poll after (s), 15 poll budget (/s),
--       16 the setting's proof difficulty, 17 the proof's difficulty ('' = no proof),
--       18 the proof's id, 19 when the proof's window ends (ms)
-- Returns {'ISSUED', number, position (0 before opening), poll after (s), order key, calls so far}
--       | {'LIMITED', ms until the window ends} | {'TOLL', difficulty required} | {'SPENT'}
local now = tonumber(ARGV[1])
local opens = tonumber(ARGV[2])
local limit = tonumber(ARGV[9])

local required = tonumber(redis.call('GET', KEYS[9]) or ARGV[16])
if required > 0 then
  if ARGV[17] == '' or tonumber(ARGV[17]) < required then
    return {'TOLL', required}
  end
  if redis.call('SADD', KEYS[10], ARGV[18]) == 0 then
    return {'SPENT'}
  end
  redis.call('PEXPIREAT', KEYS[10], ARGV[19])
end

if limit > 0 and ARGV[8] ~= '' then
  local joins = redis.call('HINCRBY', KEYS[8], ARGV[8], 1)
  if joins == 1 then
    -- Relative to Redis's clock: the rest of the window (by the caller's clock) and a second.
    redis.call('PEXPIRE', KEYS[8], tonumber(ARGV[10]) - now + 1000)
  end
  if joins > limit then
    return {'LIMITED', tonumber(ARGV[10]) - now}
  end
end

local number = redis.call('INCR', KEYS[1])
local order
if now < opens then
  order = tonumber(ARGV[5])
else
  order = 281474976710656 + number
end
redis.call('ZADD', KEYS[2], order, number)
local waiting = redis.call('ZCARD', KEYS[2])
-- After opening the new key is the largest: the ticket is last, its position is the count.
local position = waiting
if now < opens then
  position = redis.call('ZRANK', KEYS[2], number) + 1
end
local progress = redis.call('HMGET', KEYS[6], 'ewma', 'calls')
local poll_after = poll_after({}, {position, math.max(0, opens - now), progress[1] or '0',
  redis.call('GET', KEYS[7]) or ARGV[11], ARGV[12], ARGV[13], ARGV[14], ARGV[15], waiting})
local queue_now = queue_clock({KEYS[5]}, {now})[1]
local deadline = string.format('%.0f', queue_now + poll_after * 1000 + tonumber(ARGV[7]))
redis.call('ZADD', KEYS[3], deadline, number)
redis.call('HSET', KEYS[4], number, ARGV[6] .. ':' .. deadline)
-- The earlier end wins: an operator's close (close.lua) is never undone by a window read before it.
local closes = redis.call('HGET', KEYS[5], 'closes')
if not closes or tonumber(closes) > tonumber(ARGV[3]) then
  closes = ARGV[3]
end
redis.call('HSET', KEYS[5], 'opens', ARGV[2], 'closes', closes)
for i = 1, 5 do
  redis.call('PEXPIREAT', KEYS[i], ARGV[4])
end

if now < opens then
  position = 0
end
return {'ISSUED', number, position, poll_after, string.format('%.0f', order), tonumber(progress[2] or '0')}
