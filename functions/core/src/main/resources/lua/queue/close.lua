-- An operator closes a performance's sale for good (its end in MySQL moved to now, first): the
-- queue's copy of the sale's end (`closes` in `meta`) becomes now, so the next poll of every waiting
-- or called ticket ends it with 'sale_ended' (poll.lua) and nobody more is admitted.
--
-- Invariant: `closes` only ever moves earlier (issue.lua keeps the earlier of its own and the one
-- here), so a join answered from a window read before the close cannot reopen the sale.
--
-- KEYS: 1 meta
-- ARGV: 1 now (ms), 2 keys expire at (ms)
-- Returns 1 if the sale's end moved to now, 0 if it had already ended
local closes = redis.call('HGET', KEYS[1], 'closes')
if closes and tonumber(closes) <= tonumber(ARGV[1]) then
  return 0
end
redis.call('HSET', KEYS[1], 'closes', ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
