-- Reads where a ticket stands and records the holder's heartbeat; with claim = 1 it also turns a
-- call into a ticketing session. One round trip per poll.
--
-- Invariants: a ticket is in exactly one of waiting (`waiting` + `seen`), called (`called`) or
-- admitted (`admitted` -> its session in `sessions`), or in none once it is gone. A claim moves
-- the ticket's slot from `called` to `sessions` in one step, so active sessions + pending calls
-- never change here and can never pass the capacity. A heartbeat never moves `seen` backwards.
-- A ticket whose secret id does not match (a token from before a Redis data loss) is gone.
--
-- KEYS: 1 tickets, 2 waiting, 3 seen, 4 called, 5 admitted, 6 sessions, 7 meta, 8 rate
-- ARGV: 1 ticket number, 2 ticket secret id, 3 now (ms), 4 retention (ms), 5 claim (1 or 0),
--       6 session id to open if claimed, 7 session lifetime (ms), 8 keys expire at (ms)
-- Returns one of: {'GONE', reason} | {'PENDING', opens at} | {'WAITING', position, per minute}
--                 | {'CALLED'} (claim = 0 only) | {'ADMITTED', session id, expires at}
local number = ARGV[1]
local now = tonumber(ARGV[3])

if redis.call('HGET', KEYS[1], number) ~= ARGV[2] then
  return {'GONE', 'ticket_expired'}
end

local sid = redis.call('HGET', KEYS[5], number)
if sid then
  local expires = redis.call('ZSCORE', KEYS[6], sid)
  if expires and tonumber(expires) > now then
    return {'ADMITTED', sid, expires}
  end
  redis.call('ZREM', KEYS[6], sid)
  redis.call('HDEL', KEYS[5], number)
  redis.call('HDEL', KEYS[1], number)
  return {'GONE', 'session_ended'}
end

local deadline = redis.call('ZSCORE', KEYS[4], number)
if deadline then
  if tonumber(deadline) <= now then
    redis.call('ZREM', KEYS[4], number)
    redis.call('HDEL', KEYS[1], number)
    return {'GONE', 'ticket_expired'}
  end
  if ARGV[5] ~= '1' then
    return {'CALLED'}
  end
  local expires = now + tonumber(ARGV[7])
  redis.call('ZREM', KEYS[4], number)
  redis.call('ZADD', KEYS[6], expires, ARGV[6])
  redis.call('HSET', KEYS[5], number, ARGV[6])
  redis.call('PEXPIREAT', KEYS[5], ARGV[8])
  redis.call('PEXPIREAT', KEYS[6], ARGV[8])
  return {'ADMITTED', ARGV[6], string.format('%.0f', expires)}
end

local seen = redis.call('ZSCORE', KEYS[3], number)
if not seen or not redis.call('ZSCORE', KEYS[2], number) then
  redis.call('ZREM', KEYS[2], number)
  redis.call('ZREM', KEYS[3], number)
  redis.call('HDEL', KEYS[1], number)
  return {'GONE', 'ticket_expired'}
end
if tonumber(seen) < now - tonumber(ARGV[4]) then
  redis.call('ZREM', KEYS[2], number)
  redis.call('ZREM', KEYS[3], number)
  redis.call('HDEL', KEYS[1], number)
  return {'GONE', 'ticket_expired'}
end

local sale = redis.call('HMGET', KEYS[7], 'opens', 'closes')
if sale[2] and now >= tonumber(sale[2]) then
  redis.call('ZREM', KEYS[2], number)
  redis.call('ZREM', KEYS[3], number)
  redis.call('HDEL', KEYS[1], number)
  return {'GONE', 'sale_ended'}
end
if now > tonumber(seen) then
  redis.call('ZADD', KEYS[3], now, number)
end
if sale[1] and now < tonumber(sale[1]) then
  return {'PENDING', sale[1]}
end
local rank = redis.call('ZRANK', KEYS[2], number)
return {'WAITING', rank + 1, redis.call('HGET', KEYS[8], 'ewma') or '0'}
