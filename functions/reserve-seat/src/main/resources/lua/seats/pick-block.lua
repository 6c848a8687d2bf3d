-- Best available: picks the first free block among the stored candidates (best first; see
-- store-blocks.lua) and reserves it for this request for a short lease, in one step, so that
-- concurrent requests pick different blocks.
-- Invariant: a seat is offered only when the live map shows it neither HELD nor RESERVED and no
-- unexpired pick of another request holds it; a picked seat is marked in `picks` (seat id -> lease
-- end, ms) before the script returns, so no other pick offers it until its lease ends or the map
-- shows it taken (the map then keeps it off) or its request ends it (BlockPicker.done, once the
-- hold is on the map, so a hold released or expired later frees its seats for picks at once). A
-- pick is not a hold: MySQL's conditional update decides (the map may lag behind MySQL); the lease
-- only keeps concurrent picks apart, and a request that dies leaves nothing but it. A block that
-- would leave a single free seat between taken ones (or a row's end) is taken only when no free
-- block avoids it. Nothing is picked from a map that is not whole (a lost key would show taken
-- seats free) nor from candidates missing or not of the expected header (another count, grade or
-- format): the caller rebuilds them from MySQL and asks again.
-- Work per pick stays small: `from` ('<logStart> <version> <taken> <leased> <until>') says every
-- block before <taken> had a seat the map showed taken at <version>, and every block before
-- <leased> had one taken or picked until at least <until> (ms). Both hold while the map's log since
-- <version> returns no seat (no ':A' entry: taking seats never frees a block), the second only
-- until <until>. A pick reads the blocks from there on, 32 at a time, checks only the seats it
-- looks at, and moves `from` on: a crowd picking at once reads a block or two each, and in a full
-- hall a pick reads a few keys.
-- KEYS: 1 blocks, 2 reserved, 3 held, 4 the map's meta, 5 picks, 6 the map's log, 7 from
-- ARGV: 1 now (ms), 2 lease (ms), 3 the candidates' expected header, 4 seats per block N
-- Returns {1, picked seat ids...}, {0} when no candidate is free, {-1} when the candidates are
-- missing or stale, {-2} when the map is not whole.
local now = tonumber(ARGV[1])
local lease = tonumber(ARGV[2])
local n = tonumber(ARGV[4])

local meta = redis.call('HMGET', KEYS[4], 'version', 'logStart', 'reserved', 'held')
if not meta[1] or not meta[2] or not meta[3] or not meta[4]
    or redis.call('SCARD', KEYS[2]) ~= tonumber(meta[3])
    or redis.call('SCARD', KEYS[3]) ~= tonumber(meta[4]) then
  return {-2}
end
if redis.call('LINDEX', KEYS[1], 0) ~= ARGV[3] then
  return {-1}
end
local version = tonumber(meta[1])
local log_start = tonumber(meta[2])
local total = redis.call('LLEN', KEYS[1]) - 1

-- Where to start: past the blocks `from` says are taken (and picked, while that holds).
local taken_from, leased_from, leased_until = 1, 1, math.huge
local from = redis.call('GET', KEYS[7])
if from then
  local fs, fv, ft, fl, fu = string.match(from, '^(%d+) (%d+) (%d+) (%d+) (%d+)$')
  fs, fv, ft, fl, fu = tonumber(fs), tonumber(fv), tonumber(ft), tonumber(fl), tonumber(fu)
  if fs == log_start and fv and fv <= version then
    local returned = false
    if fv < version then
      for _, e in ipairs(redis.call('LRANGE', KEYS[6], fv - log_start, version - log_start - 1)) do
        if string.sub(e, -1) == 'A' then
          returned = true
          break
        end
      end
    end
    if not returned then
      taken_from = ft
      leased_from = ft
      if now < fu and fl > ft then
        leased_from, leased_until = fl, fu
      end
    end
  end
end

local on_map = {}
local function map_taken(id)
  if id == '0' then
    return true
  end
  local t = on_map[id]
  if t == nil then
    t = redis.call('SISMEMBER', KEYS[2], id) == 1 or redis.call('SISMEMBER', KEYS[3], id) == 1
    on_map[id] = t
  end
  return t
end

-- The end of another request's live pick of the seat, else false; a pick that lapsed, or whose
-- seat the map shows taken, is dropped on the way.
local leases = {}
local function lease_end(id)
  local e = leases[id]
  if e == nil then
    e = false
    local stored = redis.call('HGET', KEYS[5], id)
    if stored then
      if tonumber(stored) > now and not map_taken(id) then
        e = tonumber(stored)
      else
        redis.call('HDEL', KEYS[5], id)
      end
    end
    leases[id] = e
  end
  return e
end

local function taken(id)
  return map_taken(id) or lease_end(id) ~= false
end

-- A free seat with a taken seat (or the row's end) beyond it would be left alone.
local function orphan(next_id, beyond_id)
  return next_id ~= '0' and not taken(next_id) and taken(beyond_id)
end

local first_open, first_free, chosen, chosen_at = nil, nil, nil, nil
local fallback, fallback_at = nil, nil
local i = leased_from
while i <= total and chosen == nil do
  local entries = redis.call('LRANGE', KEYS[1], i, i + 31)
  for k, entry in ipairs(entries) do
    local at = i + k - 1
    local ids = {}
    for id in string.gmatch(entry, '%d+') do
      ids[#ids + 1] = id
    end
    local open = true
    for j = 1, n do
      if map_taken(ids[j]) then
        open = false
        break
      end
    end
    if open then
      first_open = first_open or at
      local picked_until = false
      for j = 1, n do
        picked_until = lease_end(ids[j])
        if picked_until then
          break
        end
      end
      if picked_until then
        if first_free == nil then
          leased_until = math.min(leased_until, picked_until)
        end
      else
        first_free = first_free or at
        if not orphan(ids[n + 1], ids[n + 2]) and not orphan(ids[n + 3], ids[n + 4]) then
          chosen, chosen_at = ids, at
          break
        end
        if fallback == nil then
          fallback, fallback_at = ids, at
        end
      end
    end
  end
  i = i + 32
end

local block, block_at = chosen or fallback, chosen_at or fallback_at
-- Move `from` on. Blocks before the start were covered by `from` already.
local scanned_to = math.min(i, total + 1)
local new_taken = taken_from
if leased_from == taken_from then
  new_taken = first_open or scanned_to
end
local new_leased = first_free or scanned_to
if block and block_at == first_free then
  new_leased = block_at + 1
  leased_until = math.min(leased_until, now + lease)
end
if new_leased <= new_taken or leased_until == math.huge then
  new_leased, leased_until = new_taken, 0
end
redis.call('SET', KEYS[7],
    log_start .. ' ' .. version .. ' ' .. new_taken .. ' ' .. new_leased .. ' ' .. leased_until,
    'PX', math.max(1, redis.call('PTTL', KEYS[1])))

if block == nil then
  return {0}
end
local reply = {1}
for j = 1, n do
  redis.call('HSET', KEYS[5], block[j], now + lease)
  reply[#reply + 1] = tonumber(block[j])
end
redis.call('PEXPIRE', KEYS[5], lease * 10)
return reply
