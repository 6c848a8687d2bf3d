-- Releases the seat locks one owner holds and, when asked, announces each release.
-- Invariant: a lock is deleted only while it still holds the caller's owner token (compare and
-- delete in one step), so an owner whose lease expired can never release the lock a later owner
-- now holds; only a real release is announced, on the channel <lock key>:released.
-- KEYS: lock keys
-- ARGV[1]: owner token; ARGV[2]: '1' to publish each release
-- Returns how many locks were released.
local released = 0
for _, key in ipairs(KEYS) do
  if redis.call('GET', key) == ARGV[1] then
    redis.call('DEL', key)
    released = released + 1
    if ARGV[2] == '1' then
      redis.call('PUBLISH', key .. ':released', '1')
    end
  end
end
return released
