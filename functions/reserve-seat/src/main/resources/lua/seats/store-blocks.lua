-- Stores best available's candidate blocks of one performance, count and grade, best first, as
-- worked out from its layout (which never changes): one list, its header first, then one entry per
-- block. Invariant: the list is written whole in this one step (old list dropped, new one pushed),
-- so a reader finds it absent or complete, never half built, whoever dies when; it expires with
-- the live map (meta's expiresAt) or, without a map, after ARGV[2] ms (it is rebuilt when missing).
-- The pick's resume point (`from`, see pick-block.lua) indexes the old list: it is dropped too.
-- KEYS: 1 blocks, 2 the map's meta, 3 the pick's resume point
-- ARGV: 1 header, 2 expiry without a map (ms), then one entry per block: its N seat ids, then left
-- neighbour, second left, right neighbour, second right (0: none), separated by spaces
-- Returns the number of blocks stored.
redis.call('DEL', KEYS[1], KEYS[3])
redis.call('RPUSH', KEYS[1], ARGV[1])
local chunk = {}
for i = 3, #ARGV do
  chunk[#chunk + 1] = ARGV[i]
  if #chunk == 1000 or i == #ARGV then
    redis.call('RPUSH', KEYS[1], unpack(chunk))
    chunk = {}
  end
end
local expiresAt = redis.call('HGET', KEYS[2], 'expiresAt')
if expiresAt then
  redis.call('PEXPIREAT', KEYS[1], expiresAt)
else
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return #ARGV - 2
