-- Counts what happened to one performance in one minute: adds to a figure (admissions,
-- reservations, conflicts, serverErrors) or, for a sample (waiting), sets it, in the minute's hash.
--
-- Invariant: every minute's hash expires its TTL after its last write, so the figures of a
-- performance never take more than TTL / 60 s hashes of a few fields, whatever the traffic.
--
-- KEYS: 1 the minute's hash
-- ARGV: 1 TTL (ms), then triples: op ('add' | 'set'), field, amount
for i = 2, #ARGV, 3 do
  if ARGV[i] == 'set' then
    redis.call('HSET', KEYS[1], ARGV[i + 1], ARGV[i + 2])
  else
    redis.call('HINCRBY', KEYS[1], ARGV[i + 1], ARGV[i + 2])
  end
end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
return 1
