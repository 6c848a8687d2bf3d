-- Reads where a ticket stands and, for a waiting ticket, sets its next deadline; with claim = 1 it
-- also turns a call into a ticketing session. One round trip per poll.
--
-- Invariants: a ticket is in exactly one of waiting (`waiting`, its deadline in `tickets`, indexed
-- in `deadlines`), called (`called`) or admitted (`admitted` -> its session in `sessions`), or in
-- none once it is gone. A claim moves the ticket's slot from `called` to `sessions` in one step,
-- so active sessions + pending calls never change here and can never pass the capacity. A ticket
-- whose secret id does not match (a token from before a Redis data loss) is gone.
-- Retention: an accepted poll of a waiting ticket answers pollAfter and sets its deadline (kept
-- with its secret in `tickets`: "secret:deadline") to now + pollAfter + retention, so a holder who
-- polls again within pollAfter (plus the retention's slack) is never dropped; a ticket past its
-- deadline is gone. The deadline only grows (an accepted poll comes after the due time less a
-- tolerance smaller than any pollAfter), so the index in `deadlines`, left as it is here, never
-- says later than the truth; purge.lua re-indexes a live ticket whose index lapsed.
-- Politeness: a waiting ticket polled before its due time (deadline - retention) less the
-- tolerance is answered EARLY and nothing changes, its deadline included: the place is kept. A
-- called or admitted ticket is never EARLY (a call may always be claimed at once).
-- Clocks: ticket and claim deadlines are on the queue's clock (queue-clock.lua), which stops while
-- the sale is paused; sessions are on the wall clock. While paused, a waiting or called ticket is
-- answered PAUSED and nothing changes (no claim: nobody is admitted during a pause); a session
-- carries on.
-- Closed (`closes` in `meta` passed, an operator's close included): a waiting or called ticket is
-- gone with 'sale_ended'; nobody is admitted.
-- Sold out (`soldout` in `meta`, set by the advancer when no seat is available nor held): a waiting
-- ticket is answered SOLD_OUT, never EARLY; it stays in `waiting` in its order (the returns list)
-- and, polled when due, its deadline moves on by the longest cadence, so its holder keeps the place
-- with a poll every few minutes; an early poll changes nothing and says when the next is due.
--
-- KEYS: 1 tickets, 2 waiting, 3 deadlines, 4 called, 5 admitted, 6 sessions, 7 meta, 8 rate,
--       9 capacity, 10 called-at
-- ARGV: 1 ticket number, 2 ticket secret id, 3 now (ms), 4 retention (ms), 5 claim (1 or 0),
--       6 session id to open if claimed, 7 keys expire at (ms), 8 tolerance of an early poll (ms),
--       9 default capacity, 10 session length (ms), 11 min poll after (s), 12 max poll after (s),
--       13 poll budget (/s)
-- Returns one of: {'GONE', reason} | {'EARLY', ms until the poll is due}
--                 | {'PAUSED', poll after} | {'SOLD_OUT', poll after}
--                 | {'PENDING', opens at, poll after}
--                 | {'WAITING', position, per minute, poll after, order key, calls so far}
--                 | {'CALLED'} (claim = 0 only) | {'ADMITTED', session id, expires at, called at}
local number = ARGV[1]
local now = tonumber(ARGV[3])
local retention = tonumber(ARGV[4])
local clock = queue_clock({KEYS[7]}, {now})
local queue_now = clock[1]

-- The longest cadence: where the holder stands does not matter while paused or sold out.
local function far()
  return poll_after({}, {1e15, 0, '0', redis.call('GET', KEYS[9]) or ARGV[9], ARGV[10], ARGV[11],
    ARGV[12], ARGV[13], redis.call('ZCARD', KEYS[2])})
end

local function drop(reason)
  redis.call('ZREM', KEYS[2], number)
  redis.call('ZREM', KEYS[3], number)
  redis.call('HDEL', KEYS[1], number)
  return {'GONE', reason}
end

local held = redis.call('HGET', KEYS[1], number)
local secret, deadline = nil, nil
if held then
  secret, deadline = string.match(held, '^([^:]*):(%d+)$')
end
if secret ~= ARGV[2] then
  return {'GONE', 'ticket_expired'}
end
deadline = tonumber(deadline)

local sid = redis.call('HGET', KEYS[5], number)
if sid then
  local expires = redis.call('ZSCORE', KEYS[6], sid)
  if expires and tonumber(expires) > now then
    return {'ADMITTED', sid, expires, ''}
  end
  redis.call('ZREM', KEYS[6], sid)
  redis.call('HDEL', KEYS[5], number)
  redis.call('HDEL', KEYS[1], number)
  return {'GONE', 'session_ended'}
end

local claim_by = redis.call('ZSCORE', KEYS[4], number)
if claim_by then
  if tonumber(claim_by) <= queue_now then
    redis.call('ZREM', KEYS[4], number)
    redis.call('HDEL', KEYS[10], number)
    redis.call('HDEL', KEYS[1], number)
    return {'GONE', 'ticket_expired'}
  end
  local closes = redis.call('HGET', KEYS[7], 'closes')
  if closes and now >= tonumber(closes) then
    -- An operator closed the sale after the call: nobody is admitted any more.
    redis.call('ZREM', KEYS[4], number)
    redis.call('HDEL', KEYS[10], number)
    redis.call('HDEL', KEYS[1], number)
    return {'GONE', 'sale_ended'}
  end
  if clock[2] then
    return {'PAUSED', far()}
  end
  if ARGV[5] ~= '1' then
    return {'CALLED'}
  end
  local expires = now + tonumber(ARGV[10])
  local called_at = redis.call('HGET', KEYS[10], number) or ''
  redis.call('ZREM', KEYS[4], number)
  redis.call('HDEL', KEYS[10], number)
  redis.call('ZADD', KEYS[6], expires, ARGV[6])
  redis.call('HSET', KEYS[5], number, ARGV[6])
  redis.call('PEXPIREAT', KEYS[5], ARGV[7])
  redis.call('PEXPIREAT', KEYS[6], ARGV[7])
  return {'ADMITTED', ARGV[6], string.format('%.0f', expires), called_at}
end

local order = redis.call('ZSCORE', KEYS[2], number)
if not order or deadline < queue_now then
  return drop('ticket_expired')
end

local sale = redis.call('HMGET', KEYS[7], 'opens', 'closes', 'soldout')
if sale[2] and now >= tonumber(sale[2]) then
  return drop('sale_ended')
end
if clock[2] then
  return {'PAUSED', far()}
end
local due = deadline - retention - tonumber(ARGV[8])
if sale[3] then
  if queue_now < due then
    return {'SOLD_OUT', math.max(1, math.ceil((deadline - retention - queue_now) / 1000))}
  end
  local returns_after = far()
  redis.call('HSET', KEYS[1], number,
    ARGV[2] .. ':' .. string.format('%.0f', queue_now + returns_after * 1000 + retention))
  return {'SOLD_OUT', returns_after}
end
if queue_now < due then
  return {'EARLY', string.format('%.0f', due - queue_now)}
end

local opens = tonumber(sale[1] or '0')
local position = redis.call('ZRANK', KEYS[2], number) + 1
local progress = redis.call('HMGET', KEYS[8], 'ewma', 'calls')
local poll_after = poll_after({}, {position, math.max(0, opens - now), progress[1] or '0',
  redis.call('GET', KEYS[9]) or ARGV[9], ARGV[10], ARGV[11], ARGV[12], ARGV[13],
  redis.call('ZCARD', KEYS[2])})
redis.call('HSET', KEYS[1], number,
  ARGV[2] .. ':' .. string.format('%.0f', queue_now + poll_after * 1000 + retention))
if now < opens then
  return {'PENDING', sale[1], poll_after}
end
return {'WAITING', position, progress[1] or '0', poll_after, string.format('%.0f', tonumber(order)),
        tonumber(progress[2] or '0')}
