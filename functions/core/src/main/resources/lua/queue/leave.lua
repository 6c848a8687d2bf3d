-- A holder leaves: the ticket goes, whatever its state, and so does its slot (a pending call or
-- an active session), so the next in line can be called at the next tick.
--
-- Invariant: after this, the ticket is in none of waiting, deadlines, called, called-at, admitted,
-- and its session (if any) is no longer in `sessions`. Leaving twice, or with a ticket that is
-- already gone, changes nothing. Only the holder of the ticket's secret id can make it leave.
--
-- KEYS: 1 tickets, 2 waiting, 3 deadlines, 4 called, 5 admitted, 6 sessions, 7 called-at
-- ARGV: 1 ticket number, 2 ticket secret id
-- Returns 1 if the ticket was live, else 0
local number = ARGV[1]
local held = redis.call('HGET', KEYS[1], number)
if not held or string.match(held, '^([^:]*)') ~= ARGV[2] then
  return 0
end
redis.call('ZREM', KEYS[2], number)
redis.call('ZREM', KEYS[3], number)
redis.call('ZREM', KEYS[4], number)
redis.call('HDEL', KEYS[7], number)
local sid = redis.call('HGET', KEYS[5], number)
if sid then
  redis.call('ZREM', KEYS[6], sid)
  redis.call('HDEL', KEYS[5], number)
end
redis.call('HDEL', KEYS[1], number)
return 1
