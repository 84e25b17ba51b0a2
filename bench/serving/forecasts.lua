-- wrk script: GET /api/forecasts/{storeId}?product=&horizon=7 over the seeded stores and products, uniformly at random.
local key = os.getenv("OBRADOR_KEY")
local stores = tonumber(os.getenv("OBRADOR_STORES") or "20")
local products = tonumber(os.getenv("OBRADOR_PRODUCTS") or "50")
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
  local s = string.format("s%02d", math.random(0, stores - 1))
  local p = string.format("p%03d", math.random(0, products - 1))
  return wrk.format("GET", "/api/forecasts/" .. s .. "?product=" .. p .. "&horizon=7", headers)
end
