-- Best available: picks the first free block among the candidates (best first) and reserves it for
-- this request for a short lease, in one step, so that concurrent requests pick different blocks.
-- Invariant: a seat is offered only when the live map shows it neither HELD nor RESERVED and no
-- unexpired pick of another request holds it; a picked seat is marked in `picks` (seat id -> lease
-- end, ms) before the script returns, so no other pick offers it until its lease ends. A pick is
-- not a hold: MySQL's conditional update decides (the map may lag behind MySQL); the lease only keeps
-- concurrent picks apart and needs no release (the seats are then HELD on the map, or taken).
-- A block that would leave a single free seat between taken ones (or a row's end) is taken only
-- when no free block avoids it.
-- KEYS: 1 reserved, 2 held, 3 picks
-- ARGV: 1 now (ms), 2 lease (ms), 3 seats per block N, 4 values per candidate (N + 4), then per
-- candidate: its N seat ids, then left neighbour, second left, right neighbour, second right (0: none)
-- Returns the picked seat ids, or {} when no candidate is free.
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local n = tonumber(ARGV[3])
local width = tonumber(ARGV[4])

-- The taken seats, read once (three commands, whatever the number of candidates); lapsed picks are
-- dropped on the way, so the hash holds only live ones.
local taken_ids = {}
for k = 1, 2 do
  for _, id in ipairs(redis.call('SMEMBERS', KEYS[k])) do
    taken_ids[id] = true
  end
end
local picks = redis.call('HGETALL', KEYS[3])
for i = 1, #picks, 2 do
  if tonumber(picks[i + 1]) > now then
    taken_ids[picks[i]] = true
  else
    redis.call('HDEL', KEYS[3], picks[i])
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
for start = 5, #ARGV, width do
  local free = true
  for i = start, start + n - 1 do
    if taken(ARGV[i]) then
      free = false
      break
    end
  end
  if free then
    local l1, l2, r1, r2 = ARGV[start + n], ARGV[start + n + 1], ARGV[start + n + 2], ARGV[start + n + 3]
    if not orphan(l1, l2) and not orphan(r1, r2) then
      fallback = start
      break
    end
    if fallback == nil then
      fallback = -start
    end
  end
end
if fallback == nil then
  return {}
end
local chosen = math.abs(fallback)
local picked = {}
for i = chosen, chosen + n - 1 do
  redis.call('HSET', KEYS[3], ARGV[i], now + lease)
  taken_ids[ARGV[i]] = true
  picked[#picked + 1] = tonumber(ARGV[i])
end
redis.call('PEXPIRE', KEYS[3], lease * 10)
return picked
