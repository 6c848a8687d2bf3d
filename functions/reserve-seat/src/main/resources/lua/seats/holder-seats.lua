-- Counts the seats a holder (one ticketing session) has reserved or is reserving for a performance.
-- Invariant: the count never passes the limit. A claim (ARGV[1] > 0) adds its seats only if the
-- total stays within ARGV[2], atomically, so concurrent requests of one holder cannot together pass
-- it; a refund (ARGV[1] < 0) gives back the seats of a claim that reserved nothing. The count lives
-- until ARGV[3] (epoch ms: when the holder's access ends), after which the holder cannot reserve.
-- KEYS[1]: the holder's count
-- Returns the seats held before a granted claim, or -(held + 1) when the claim is refused.
local change = tonumber(ARGV[1])
local held = tonumber(redis.call('GET', KEYS[1]) or '0')
if change < 0 then
  if held > 0 then
    redis.call('INCRBY', KEYS[1], math.max(change, -held))
  end
  return held
end
if held + change > tonumber(ARGV[2]) then
  return -held - 1
end
redis.call('INCRBY', KEYS[1], change)
redis.call('PEXPIREAT', KEYS[1], ARGV[3])
return held
