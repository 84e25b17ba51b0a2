-- wrk script: GET /api/recommendations/{userId} over OBRADOR_USERS seeded users (u0 … u{N-1}), uniformly at random.
local key = os.getenv("OBRADOR_KEY")
local users = tonumber(os.getenv("OBRADOR_USERS") or "100000")
local headers = { ["X-Api-Key"] = key }
local counter = 0

-- Each thread draws its own reproducible sequence.
function setup(thread)
  counter = counter + 1
  thread:set("seed", 42 + counter)
end

function init(args)
  math.randomseed(seed or 42)
end

request = function()
  return wrk.format("GET", "/api/recommendations/u" .. math.random(0, users - 1) .. "?n=10", headers)
end
