-- Best available: picks the first free block among the stored candidates (best first; see
-- store-blocks.lua) and reserves it for this request for a short lease, in one step, so that
-- concurrent requests pick different blocks.
-- Invariant: a seat is offered only when the live map shows it neither HELD nor RESERVED and no
-- unexpired pick of another request holds it; a picked seat is marked in `picks` (seat id -> lease
-- end, ms) before the script returns, so no other pick offers it until its lease ends or the map
-- shows it taken (the map then keeps it off). A pick is
-- not a hold: MySQL's conditional update decides (the map may lag behind MySQL); the lease only keeps
-- concurrent picks apart and needs no release (the seats are then HELD on the map, or taken).
-- A block that would leave a single free seat between taken ones (or a row's end) is taken only
-- when no free block avoids it. Nothing is picked from a map that is not whole (a lost key would
-- show taken seats free) nor from candidates missing or not of the expected header (another
-- count, grade or format): the caller rebuilds them from MySQL and asks again.
-- KEYS: 1 blocks, 2 reserved, 3 held, 4 the map's meta, 5 picks
-- ARGV: 1 now (ms), 2 lease (ms), 3 the candidates' expected header, 4 seats per block N
-- Returns {1, picked seat ids...}, {0} when no candidate is free, {-1} when the candidates are
-- missing or stale, {-2} when the map is not whole.
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local n = tonumber(ARGV[4])

local meta = redis.call('HMGET', KEYS[4], 'version', 'reserved', 'held')
if not meta[1] or not meta[2] or not meta[3]
    or redis.call('SCARD', KEYS[2]) ~= tonumber(meta[2])
    or redis.call('SCARD', KEYS[3]) ~= tonumber(meta[3]) then
  return {-2}
end
local blocks = redis.call('LRANGE', KEYS[1], 0, -1)
if blocks[1] ~= ARGV[3] then
  return {-1}
end

-- The taken seats, read once (three commands, whatever the number of candidates). Picks that lapsed
-- or that the map shows taken (their hold settled: the map keeps the seats off from now on) are
-- dropped on the way, so a hold released or expired later frees its seats for picks at once.
local taken_ids = {}
for k = 2, 3 do
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[k])) do
    taken_ids[id] = true
  end
end
local picks = redis.call('HGETALL', KEYS[5])
for i = 1, #picks, 2 do
  if taken_ids[picks[i]] or tonumber(picks[i + 1]) <= now then
    redis.call('HDEL', KEYS[5], picks[i])
  else
    taken_ids[picks[i]] = true
  end
end

local function taken(id)
  return id == '0' or taken_ids[id] == true
end

-- A free seat with a taken seat (or the row's end) beyond it would be left alone.
local function orphan(next_id, beyond_id)
  return next_id ~= '0' and not taken(next_id) and taken(beyond_id)
end

local fallback = nil
for b = 2, #blocks do
  local ids = {}
  local free = true
  for id in string.gmatch(blocks[b], '%d+') do
    ids[#ids + 1] = id
    if #ids <= n and taken(id) then
      free = false
      break
    end
  end
  if free then
    if not orphan(ids[n + 1], ids[n + 2]) and not orphan(ids[n + 3], ids[n + 4]) then
      fallback = ids
      break
    end
    if fallback == nil then
      fallback = ids
    end
  end
end
if fallback == nil then
  return {0}
end
local picked = {1}
for i = 1, n do
  redis.call('HSET', KEYS[5], fallback[i], now + lease)
  picked[#picked + 1] = tonumber(fallback[i])
end
redis.call('PEXPIRE', KEYS[5], lease * 10)
return picked
