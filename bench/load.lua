-- wrk script for bench/load.py: each request takes a random path from the file named by
-- LOAD_PATHS; answers are counted by status, and the totals and latency percentiles are
-- printed at the end as "status <code> <count>" and "p<N> <microseconds>" lines.
local threads = {}

function setup(thread)
  thread:set("id", #threads + 1)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  paths = {}
  for line in io.lines(os.getenv("LOAD_PATHS")) do
    if line ~= "" then table.insert(paths, line) end
  end
  counts = {}
end

function request()
  return wrk.format("GET", paths[math.random(#paths)])
end

function response(status, headers, body)
  counts[status] = (counts[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    for status, count in pairs(thread:get("counts")) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("status %d %d\n", status, count))
  end
  for _, p in ipairs({50, 90, 99}) do
    io.write(string.format("p%d %d\n", p, latency:percentile(p)))
  end
  io.write(string.format("max %d\n", latency.max))
end
