-- An operator sets how many buyers may be on the seat pages at once (active sessions + pending
-- calls). The advancer reads it at every tick.
--
-- Invariant: the capacity key always carries the expiry of the performance's other keys.
--
-- KEYS: 1 capacity
-- ARGV: 1 capacity, 2 keys expire at (ms)
redis.call('SET', KEYS[1], ARGV[1])
redis.call('PEXPIREAT', KEYS[1], ARGV[2])
return 1
